"""Enrollment: a point's server exchanges its one-time code for its own credential."""

import base64

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from netpoint.common.core import ratelimit
from netpoint.common.core.api import Input, PlainText
from netpoint.provider.registry import policy, services

router = Router(tags=["enrollment"])
MAX_FAILURES = 10


class EnrollIn(Input):
    code: PlainText = Field(min_length=1, max_length=20)
    # The point's Ed25519 public key, base64 of its 32 bytes.
    public_key: str = Field(min_length=44, max_length=44)
    software_version: PlainText = Field(default="", max_length=40)


class EnrollOut(Schema):
    point: str
    name: str
    # The provider's Ed25519 public key (base64): the point verifies its policies with it.
    policy_key: str


@router.post("/enroll", response=EnrollOut)
def enroll(request, data: EnrollIn):
    who = request.META.get("REMOTE_ADDR", "")
    if ratelimit.blocked("enroll", who, MAX_FAILURES):
        raise HttpError(429, _("Thử sai quá nhiều lần; hãy đợi vài phút rồi thử lại."))
    try:
        public_key = base64.b64decode(data.public_key, validate=True)
    except ValueError:  # binascii.Error, or characters outside ASCII
        raise HttpError(422, _("Khoá công khai không phải base64.")) from None
    if len(public_key) != 32:
        raise HttpError(422, _("Khoá công khai phải là 32 byte của khoá Ed25519."))
    try:
        point = services.enroll(data.code, public_key, data.software_version)
    except services.EnrollmentRefused:
        ratelimit.failed("enroll", who)
        raise HttpError(403, _("Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")) from None
    ratelimit.clear("enroll", who)
    key = base64.b64encode(policy.public_key()).decode()
    return {"point": point.code, "name": point.name, "policy_key": key}
