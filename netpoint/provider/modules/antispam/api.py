"""The check before sending, for the customers' sending systems (SMS platforms, mailers).

Authenticated by a per-customer token (`Authorization: Bearer npas_...`). Phone numbers and
addresses travel only in request bodies, never in URLs, and are never logged.
"""

import json
from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from pydantic import BaseModel, Field, field_validator

from netpoint.common.core.api import Input, PlainText
from netpoint.common.tokens import TokenBearer
from netpoint.provider.modules.antispam import policy, recipients, services, unsubscribe
from netpoint.provider.modules.antispam.checks import Check, CheckRefused, Outcome, check_sends
from netpoint.provider.modules.antispam.conf import conf


class CustomerToken(TokenBearer):
    def authenticate(self, request, token):
        customer = services.customer_for_token(token)
        if customer is not None:
            request.antispam_customer = customer
        return customer


router = Router(tags=["antispam"], auth=CustomerToken())
# Plain pydantic models rather than ninja's Schema (the bodies are Input): a batch holds a
# thousand checks, and ninja's per-object hook for Django models costs more than checking them.


class CheckIn(Input):
    channel: str = Field(max_length=10)
    recipient: str = Field(min_length=1, max_length=254)
    content: str = Field("", max_length=5000)
    sender: PlainText = Field("", max_length=50)
    message_id: int | None = None
    # On what it goes (policy.py): "consented" (the recipient agreed beforehand, as the
    # sending system's records show), "registration" (the one message asking for that),
    # "agreement" (consented, with other hours or numbers agreed), "none".
    basis: str = Field(policy.CONSENTED, max_length=20)


class BatchIn(Input):
    checks: list[CheckIn]
    # Given: a preview for that moment, nothing recorded. Absent: sending now, recorded.
    at: datetime | None = None

    @field_validator("at")
    @classmethod
    def aware(cls, value):
        if value is not None and value.tzinfo is None:
            raise ValueError("must carry a time zone")
        return value


class OneIn(CheckIn):
    at: datetime | None = None

    @field_validator("at")
    @classmethod
    def aware(cls, value):
        return BatchIn.aware(value)


class ReasonOut(BaseModel):
    code: str
    message: str


class ResultOut(BaseModel):
    allowed: bool
    reasons: list[ReasonOut]


class BatchOut(BaseModel):
    recorded: bool
    allowed: int
    results: list[ResultOut]


class OneOut(ResultOut):
    recorded: bool


class LinkIn(Input):
    channel: str = Field(max_length=10)
    recipient: str = Field(min_length=1, max_length=254)


class LinkOut(BaseModel):
    url: str


class Refusal(BaseModel):
    message: str


def reason_messages() -> dict[str, str]:
    return {
        policy.OPTED_OUT: _("Người nhận đã từ chối nhận quảng cáo qua kênh này."),
        policy.DO_NOT_CALL: _("Số điện thoại có trong danh sách không quảng cáo (DNC)."),
        policy.OUTSIDE_HOURS: _("Ngoài khung giờ được phép gửi quảng cáo."),
        policy.OVER_CAP: _("Đã đủ số quảng cáo tối đa gửi cho người nhận này trong 24 giờ."),
        policy.MISSING_LABEL: _("Nội dung thiếu nhãn quảng cáo “[QC]” ở đầu."),
        policy.MISSING_BRANDNAME: _("Tên định danh (brandname) người gửi chưa được đăng ký."),
        policy.NO_CONSENT: _("Người nhận chưa đồng ý trước việc nhận quảng cáo."),
        policy.REGISTRATION_REPEATED: _(
            "Đã gửi tin nhắn đăng ký nhận quảng cáo cho người nhận này; chỉ được gửi một lần."
        ),
    }


def refusal_message(refused: CheckRefused) -> str:
    if refused.problem == "empty":
        return _("Danh sách “checks” không được rỗng.")
    if refused.problem == "too_many":
        return _("Mỗi lần kiểm tra tối đa %(n)d mục.") % {"n": conf().max_batch_checks}
    what = {
        "channel": _("kênh phải là sms, email, call hoặc messaging"),
        "recipient": _("số điện thoại hoặc địa chỉ thư điện tử không hợp lệ"),
        "message": _("không có bản tin quảng cáo này của khách hàng"),
        "basis": _("cơ sở gửi phải là consented, registration, agreement hoặc none"),
    }[refused.problem]
    return _("Mục %(n)d: %(what)s.") % {"n": refused.index + 1, "what": what}


def _run(request, items: list[CheckIn], at) -> list[Outcome]:
    checks = [
        Check(i.channel, i.recipient, i.content, i.sender, i.message_id, i.basis) for i in items
    ]
    try:
        return check_sends(request.antispam_customer, checks, at)
    except CheckRefused as refused:
        status = 413 if refused.problem == "too_many" else 422
        raise HttpError(status, refusal_message(refused)) from None


def _result(outcome: Outcome, messages: dict) -> dict:
    return {
        "allowed": outcome.allowed,
        "reasons": [{"code": r, "message": messages[r]} for r in outcome.reasons],
    }


@router.post(
    "/antispam/checks",
    response={200: BatchOut, 413: Refusal, 422: Refusal},
    summary="Check (and record) a batch of advertising sends",
)
def check_batch(request, data: BatchIn):
    outcomes = _run(request, data.checks, data.at)
    messages = reason_messages()
    answer = {
        "recorded": data.at is None,
        "allowed": sum(o.allowed for o in outcomes),
        "results": [_result(o, messages) for o in outcomes],
    }
    # Built here in BatchOut's shape (which documents it): validating a thousand results
    # against it again cost more than the JSON itself.
    return HttpResponse(json.dumps(answer), content_type="application/json")


@router.post(
    "/antispam/check",
    response={200: OneOut, 422: Refusal},
    summary="Check (and record) one advertising send",
)
def check_one(request, data: OneIn):
    (outcome,) = _run(request, [data], data.at)
    return _result(outcome, reason_messages()) | {"recorded": data.at is None}


@router.post(
    "/antispam/unsubscribe-links",
    response={200: LinkOut, 422: Refusal},
    summary="A signed link for the recipient to refuse this customer's advertising",
)
def unsubscribe_link(request, data: LinkIn):
    if data.channel not in unsubscribe.CHANNELS:
        raise HttpError(422, _("Liên kết từ chối chỉ dùng cho kênh email hoặc messaging."))
    try:
        path = unsubscribe.link_path(request.antispam_customer, data.channel, data.recipient)
    except recipients.InvalidRecipient:
        raise HttpError(422, _("Số điện thoại hoặc địa chỉ thư điện tử không hợp lệ.")) from None
    return {"url": request.build_absolute_uri(path)}
