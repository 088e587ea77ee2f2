"""The station API that the lock-screen client talks to. Tokens travel only in headers."""

from datetime import datetime, timedelta
from typing import Annotated

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from netpoint.common.core import clock, ratelimit
from netpoint.common.core.api import Input, PlainText
from netpoint.common.tokens import TokenBearer
from netpoint.point.customers.models import MemberAccount
from netpoint.point.profile import tls
from netpoint.point.profile.models import PointProfile
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session
from netpoint.point.stations import services
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import Station

MAC_PATTERN = r"^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$"
MAX_FAILURES = 10
# Wrong passwords for one username, from any station, cleared only when that member checks
# in: no one else's good login restarts the count.
MAX_FAILURES_PER_USERNAME = 10
USERNAME_WINDOW = timedelta(minutes=30)
MessageId = Annotated[int, Field(ge=1, le=2**62)]


class StationToken(TokenBearer):
    unauthorized = gettext_lazy("Thiếu hoặc sai mã xác thực của máy trạm.")

    def authenticate(self, request, token):
        return services.station_for_token(token)


router = Router(auth=StationToken(), tags=["station"])


class PairIn(Input):
    code: PlainText = Field(default="", max_length=20)
    # Over TLS: HMAC of the code's hash and the certificate the station sees, instead of the code.
    proof: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")
    mac: str | None = Field(default=None, pattern=MAC_PATTERN)


class StationOut(Schema):
    id: int
    name: str


class PairOut(Schema):
    token: str
    station: StationOut
    certificate_fingerprint: str | None


class HeartbeatIn(Schema):
    # Not an Input: unknown fields are ignored here alone. Station clients are installed on
    # their own and may be newer than the point; a heartbeat refused for a field the point
    # does not know yet would lock the station after its silence limit.
    client_version: PlainText = Field(default="", max_length=40)
    acknowledged_messages: list[MessageId] = Field(default_factory=list, max_length=100)


class LoginIn(Input):
    username: PlainText = Field(min_length=1, max_length=40)
    password: PlainText = Field(min_length=1, max_length=128)


class WarningOut(Schema):
    key: str
    code: str
    text: str
    seconds_left: int | None


class MessageOut(Schema):
    id: int
    text: str
    sent_at: datetime


class SessionOut(Schema):
    id: int
    kind: str
    customer_name: str
    started_at: datetime
    ends_at: datetime | None
    end_reason: str | None
    seconds_left: int | None
    charge_so_far: int
    balance: int | None
    paused_since: datetime | None = None


class PointOut(Schema):
    name: str
    rules: str


class StateOut(Schema):
    station: StationOut
    state: str
    # "cashier_paused": locked because the cashier paused the session; None otherwise.
    lock_reason: str | None = None
    maintenance: bool
    session: SessionOut | None
    warnings: list[WarningOut]
    messages: list[MessageOut]
    point: PointOut
    server_time: datetime
    poll_every_seconds: int
    heartbeat_every_seconds: int


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _state(station: Station) -> dict:
    state = services.station_state(station)
    station = state["station"]
    running = state["running"]
    session = None
    if running:
        s: Session = running["session"]
        balance = None
        if s.kind == Session.Kind.MEMBER:
            balance = s.customer.account.balance - running["charge_so_far"]
        session = {
            "id": s.pk,
            "kind": s.kind,
            # The given name only: the screen is in a public room.
            "customer_name": s.customer.full_name.split()[-1],
            "started_at": s.started_at,
            "ends_at": running["ends_at"],
            "end_reason": running["end_reason"],
            "seconds_left": running["seconds_left"],
            "charge_so_far": running["charge_so_far"],
            "balance": balance,
            "paused_since": running["paused_since"],
        }
    profile = PointProfile.current()
    return {
        "station": station,
        "state": state["state"],
        "lock_reason": state["lock_reason"],
        "maintenance": station.maintenance_unlocked,
        "session": session,
        "warnings": running["warnings"] if running else [],
        "messages": state["messages"],
        "point": {"name": profile.name, "rules": profile.rules},
        "server_time": state["server_time"],
        "poll_every_seconds": conf().poll_every_seconds,
        "heartbeat_every_seconds": conf().heartbeat_every_seconds,
    }


@router.post("/pair", auth=None, response=PairOut)
def pair(request, data: PairIn):
    who = _client_ip(request)
    if ratelimit.blocked("pair", who, MAX_FAILURES):
        raise HttpError(429, _("Nhập sai mã quá nhiều lần; hãy thử lại sau ít phút."))
    if bool(data.code) == bool(data.proof):
        raise HttpError(400, _("Hãy gửi mã ghép máy (hoặc bằng chứng của mã khi dùng TLS)."))
    if data.proof and not request.is_secure():
        raise HttpError(400, _("Bằng chứng của mã chỉ dùng được qua TLS."))
    fingerprint = tls.current_fingerprint(settings.DATA_DIR) if request.is_secure() else None
    try:
        station, token = services.pair(
            data.code, proof=data.proof, fingerprint=fingerprint, mac=data.mac, ip=who or None
        )
    except services.PairingError as err:
        ratelimit.failed("pair", who)
        raise HttpError(400, str(err)) from None
    return {"token": token, "station": station, "certificate_fingerprint": fingerprint}


@router.get("/state", response=StateOut)
def state(request):
    services.heard(request.auth)
    return _state(request.auth)


class GoodbyeOut(Schema):
    ok: bool


@router.post("/goodbye", response=GoodbyeOut)
def goodbye(request):
    """The agent stops on purpose (the PC shuts down or restarts): its silence is no alarm."""
    services.goodbye(request.auth)
    return {"ok": True}


@router.post("/heartbeat", response=StateOut)
def heartbeat(request, data: HeartbeatIn):
    services.heartbeat(
        request.auth, data.client_version, data.acknowledged_messages, _client_ip(request) or None
    )
    return _state(request.auth)


def _username_key(username: str) -> str:
    # Keyed, so the table of counts holds no username.
    return salted_hmac("station-login", username, algorithm="sha256").hexdigest()


@router.post("/login", response=StateOut)
def member_login(request, data: LoginIn):
    station: Station = request.auth
    who, username = f"{station.pk}", _username_key(data.username)
    if ratelimit.blocked("login", who, MAX_FAILURES) or ratelimit.blocked(
        "login-user", username, MAX_FAILURES_PER_USERNAME, window=USERNAME_WINDOW
    ):
        raise HttpError(429, _("Đăng nhập sai quá nhiều lần; hãy thử lại sau ít phút."))
    account = MemberAccount.objects.filter(username=data.username, is_active=True).first()
    if account is None or not account.check_password(data.password):
        ratelimit.failed("login", who)
        ratelimit.failed("login-user", username, window=USERNAME_WINDOW)
        raise HttpError(403, _("Tên đăng nhập hoặc mật khẩu không đúng."))
    try:
        sessions.check_in(station=station, customer=account.customer, kind=Session.Kind.MEMBER)
    except sessions.CheckInRefused as refused:
        raise HttpError(409, " ".join(refused.reasons)) from None
    # Only this member's own check-in clears the count of guesses at their password.
    ratelimit.clear("login", who)
    ratelimit.clear("login-user", username)
    return _state(station)


@router.post("/logout", response=StateOut)
def member_logout(request):
    station: Station = request.auth
    running = Session.objects.filter(station=station, ended_at__isnull=True).first()
    if running is None:
        raise HttpError(409, _("Máy này không có phiên nào đang chạy."))
    if running.kind != Session.Kind.MEMBER:
        raise HttpError(409, _("Khách vãng lai kết thúc phiên tại quầy thu ngân."))
    sessions.end_session(running, at=clock.now(), reason=Session.EndReason.LOGOUT)
    return _state(station)
