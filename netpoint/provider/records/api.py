"""The events endpoint: a point's server posts its signed, compressed batches here."""

import zlib
from dataclasses import asdict

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import AwareDatetime, ValidationError

from netpoint.common.core import jsonbody
from netpoint.common.core.api import Input
from netpoint.common.events.signing import SignatureRefused
from netpoint.provider.records import minutes as minutes_of
from netpoint.provider.records import services
from netpoint.provider.registry import policy
from netpoint.provider.registry.conf import conf as provider_conf
from netpoint.provider.registry.services import authenticate

router = Router(tags=["events"])


class ReceiptOut(Schema):
    accepted: int
    duplicates: int
    contiguous_seq: int
    highest_seq: int
    gaps: list[list[int]]
    # The point's policy, signed by the provider (netpoint.provider.registry.policy): every
    # answer carries it, so a change reaches the point with its next batch or heartbeat.
    policy: dict


class RefusalOut(Schema):
    message: str
    errors: list[dict] = []


def _body(request) -> bytes:
    limit = provider_conf().max_batch_bytes
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, _("Lô sự kiện quá lớn.")) from None
    if len(body) > limit:
        raise HttpError(413, _("Lô sự kiện quá lớn."))
    return body


def _events(request, body: bytes) -> list:
    limit = provider_conf().max_batch_bytes
    if request.headers.get("Content-Encoding", "identity") == "gzip":
        inflate = zlib.decompressobj(wbits=31)
        try:
            body = inflate.decompress(body, limit)
        except zlib.error:
            raise HttpError(400, _("Nội dung nén gzip bị hỏng.")) from None
        if inflate.unconsumed_tail:
            raise HttpError(413, _("Lô sự kiện quá lớn."))
    try:
        batch = jsonbody.loads(body)
    except ValueError:
        raise HttpError(400, _("Nội dung gửi lên không phải JSON hợp lệ.")) from None
    events = batch.get("events") if isinstance(batch, dict) else None
    if not isinstance(events, list) or not events:
        raise HttpError(422, _("Lô phải có danh sách sự kiện “events” không rỗng."))
    if len(events) > provider_conf().max_batch_events:
        raise HttpError(413, _("Lô có quá nhiều sự kiện."))
    return events


def _signer(request, body: bytes):
    """The point that signed the request, or 401."""
    try:
        return authenticate(request.headers, request.method, request.path, body)
    except SignatureRefused as refused:
        why = {"why": refused}
        raise HttpError(401, _("Yêu cầu không được ký hợp lệ: %(why)s.") % why) from None


@router.post("/events", response={200: ReceiptOut, frozenset({409, 422}): RefusalOut})
def receive(request):
    """Store a batch and acknowledge it only once it is committed."""
    body = _body(request)
    point = _signer(request, body)
    try:
        receipt = services.ingest(point, _events(request, body))
    except services.BatchRefused as refused:
        message = _("Lô bị từ chối: %(why)s.") % {"why": refused}
        return Status(refused.status, {"message": message, "errors": refused.errors})
    return asdict(receipt) | {"policy": policy.signed_policy(point)}


class MinutesIn(Input):
    # The asking point's own customer id for the person (never an ID number).
    person: int = Field(ge=1)
    # The point's "now": minutes are counted on that local day, up to that moment.
    at: AwareDatetime


class MinutesOut(Schema):
    known: bool
    seconds: int
    day: str


@router.post("/minutes", response={200: MinutesOut})
def minutes(request):
    """A minor's minutes today at the provider's other points, for a point that speaks for
    itself (its own signature) and whose policy counts minutes across points."""
    body = _body(request)
    point = _signer(request, body)
    try:
        data = MinutesIn.model_validate_json(body)
    except ValidationError:
        raise HttpError(
            422, _("Hãy gửi “person” (mã khách của điểm) và “at” (thời điểm có múi giờ).")
        ) from None
    if not policy.policy_of(point).minors_across_points:
        raise HttpError(
            403, _("Chính sách của điểm này không tính phút chơi của trẻ em trên mọi điểm.")
        )
    return asdict(minutes_of.elsewhere(point, data.person, data.at))
