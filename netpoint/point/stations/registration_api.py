"""The two calls of pairing again without a code (netpoint.point.stations.registration):
ask, then ask after the request until the cashier has approved it. No token is needed, so
both are rate-limited by the caller's address."""

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from netpoint.common.core import ratelimit
from netpoint.common.core.api import Input, PlainText
from netpoint.point.profile import tls
from netpoint.point.stations import registration

MAC_PATTERN = r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$"
# A host name as Windows and Linux allow it (NetBIOS names are 15, DNS labels 63).
HOSTNAME_PATTERN = r"^([A-Za-z0-9][A-Za-z0-9._-]{0,62})?$"
# What netpoint.common.tokens.new_secret makes, or anything as random and as plain.
SECRET_PATTERN = r"^[A-Za-z0-9_-]{32,100}$"
# Asking is counted per address whether it succeeds or not: an agent asks once per boot.
MAX_ASKS = 10
MAX_WRONG_SECRETS = 10

router = Router(tags=["station"])


class RegisterIn(Input):
    mac: str = Field(pattern=MAC_PATTERN)
    hostname: PlainText = Field(default="", pattern=HOSTNAME_PATTERN)
    secret: str = Field(pattern=SECRET_PATTERN)


class StatusIn(Input):
    secret: str = Field(pattern=SECRET_PATTERN)


class StationOut(Schema):
    id: int
    name: str


class RegisterOut(Schema):
    status: str
    station: StationOut | None
    expires_at: datetime


class StatusOut(Schema):
    status: str
    station: StationOut | None = None
    token: str | None = None
    certificate_fingerprint: str | None = None


def _client_ip(request) -> str:
    """The address the request came from: what the cashier approves and the token goes to."""
    who = request.META.get("REMOTE_ADDR", "")
    if not who:
        raise HttpError(400, _("Không xác định được địa chỉ của máy trạm."))
    return who


@router.post("", auth=None, response={202: RegisterOut})
def register(request, data: RegisterIn):
    who = _client_ip(request)
    if ratelimit.blocked("register", who, MAX_ASKS):
        raise HttpError(429, _("Máy này xin ghép lại quá nhiều lần; hãy thử lại sau ít phút."))
    ratelimit.failed("register", who)
    try:
        asked = registration.ask(mac=data.mac, hostname=data.hostname, secret=data.secret, ip=who)
    except registration.RegistrationError as err:
        raise HttpError(err.status, str(err)) from None
    body = {"status": "pending", "station": asked.station, "expires_at": asked.expires_at}
    return Status(202, body)


@router.post("/status", auth=None, response=StatusOut)
def status(request, data: StatusIn):
    who = _client_ip(request)
    if ratelimit.blocked("register-status", who, MAX_WRONG_SECRETS):
        raise HttpError(429, _("Sai mã bí mật quá nhiều lần; hãy thử lại sau ít phút."))
    try:
        outcome = registration.collect(secret=data.secret, ip=who)
    except registration.RegistrationError as err:
        if err.status == 404:
            ratelimit.failed("register-status", who)
        raise HttpError(err.status, str(err)) from None
    fingerprint = None
    if outcome.token and request.is_secure():
        fingerprint = tls.current_fingerprint(settings.DATA_DIR)
    return {
        "status": outcome.status,
        "station": outcome.station,
        "token": outcome.token,
        "certificate_fingerprint": fingerprint,
    }
