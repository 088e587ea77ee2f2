"""The captive portal's rules: a one-time code to the phone (random, kept hashed, short-lived,
a few tries), hourly limits per phone and per device, and, once the code is right, the person
verified, the device registered and the client handed back to its access controller."""

import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from netpoint.common import sms
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import IdentityError
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.modules.wifi import controllers, services
from netpoint.provider.modules.wifi.conf import conf
from netpoint.provider.modules.wifi.models import (
    UAMSECRET_NEEDED,
    AuthmonGrant,
    Controller,
    GatewayEvent,
    Nas,
    PortalAttempt,
    PortalConsent,
)
from netpoint.provider.records.conf import conf as retention_days

PORTAL_KEY_COLUMN = services.PORTAL_KEY_COLUMN
EVENT_KEY_COLUMN = services.EVENT_KEY_COLUMN
ATTEMPT_PHONE_COLUMN = "wifi_portalattempt.phone"


class PortalError(ValueError):
    """Something the person at the portal is told, with the HTTP status of the answer."""

    def __init__(self, message, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def configure_controller(
    nas: Nas,
    controller: str,
    key: str = "",
    *,
    fas_level: int = 3,
    uam_chap: bool = False,
    event_key: str = "",
) -> Nas:
    if controller not in Controller.values:
        raise PortalError(_("Bộ điều khiển cổng đăng nhập không được hỗ trợ."))
    if controller == Controller.OPENNDS and not (key and len(key.encode()) <= 32):
        raise PortalError(_("openNDS cần faskey dài từ 1 đến 32 ký tự."))
    if controller == Controller.CHILLI and not key:
        raise PortalError(UAMSECRET_NEEDED)
    if event_key and len(event_key) < 16:
        raise PortalError(_("Khoá báo sự kiện phải dài ít nhất 16 ký tự."))
    ring = key_ring()
    nas.controller = controller
    nas.fas_level = fas_level
    nas.uam_chap = uam_chap
    nas.portal_key_sealed = seal(key, PORTAL_KEY_COLUMN, ring) if key else ""
    nas.event_key_sealed = seal(event_key, EVENT_KEY_COLUMN, ring) if event_key else ""
    nas.save()
    return nas


def portal_key(nas: Nas) -> str:
    if not nas.portal_key_sealed:
        return ""
    return unseal(nas.portal_key_sealed, PORTAL_KEY_COLUMN, key_ring())


def event_key(nas: Nas) -> str:
    if not nas.event_key_sealed:
        return ""
    return unseal(nas.event_key_sealed, EVENT_KEY_COLUMN, key_ring())


@dataclass(frozen=True)
class Arrival:
    """A client an access controller sent to the portal: its MAC, and what the controller
    needs back (kept with the attempt)."""

    mac: str
    client: dict


BAD_REQUEST = _("Yêu cầu từ thiết bị phát Wi-Fi không hợp lệ. Hãy tắt Wi-Fi, bật lại rồi thử lại.")


def arrival(nas: Nas, query, url: str) -> Arrival:
    """Reads what the hotspot's controller put in the portal's query string; `url` is the
    portal's URL as the browser asked for it (CoovaChilli signs it)."""
    try:
        if nas.controller == Controller.OPENNDS:
            if nas.fas_level == 1:
                fas = controllers.decode_fas_level1(query.get("fas", ""))
            else:
                fas = controllers.decode_fas_level3(
                    query.get("fas", ""), query.get("iv", ""), portal_key(nas)
                )
            raw_mac, client = (
                fas.client_mac,
                {
                    "hid": fas.hid,
                    "ip": fas.client_ip,
                    "gateway_hash": fas.gateway_hash,
                    "gateway_address": fas.gateway_address,
                    "authdir": fas.authdir,
                    "origin_url": fas.origin_url,
                },
            )
        elif nas.controller == Controller.CHILLI:
            uam = controllers.parse_uam(query)
            if uam.res != "notyet":
                raise controllers.ControllerError("not a login request")
            if not controllers.uam_url_signed(url, portal_key(nas)):
                raise controllers.ControllerError("the URL is not the one chilli signed")
            raw_mac, client = (
                uam.mac,
                {
                    "ip": uam.ip,
                    "uamip": uam.uamip,
                    "uamport": uam.uamport,
                    "challenge": uam.challenge,
                    "userurl": uam.userurl,
                },
            )
        else:
            raise controllers.ControllerError("the hotspot has no portal controller")
    except controllers.ControllerError:
        raise PortalError(BAD_REQUEST) from None
    mac = services.normalize_mac(raw_mac)
    if mac is None:
        raise PortalError(BAD_REQUEST)
    return Arrival(mac, client)


@dataclass(frozen=True)
class Notice:
    """The terms and the privacy notice a hotspot shows, and the version consent is given to:
    the hash of their Vietnamese text, so any change to the words (or the hotspot's rules, or
    the retention) is a new version."""

    html: str
    version: str


def notice(nas: Nas) -> Notice:
    context = {
        "nas": nas,
        "provider_name": conf().provider_name,
        # A person's phone is kept as long as their sessions are (retention.py).
        "retention_days": max(retention_days().wifi_users, retention_days().wifi_sessions),
    }
    html = render_to_string("wifi/portal/terms.html", context)
    with translation.override("vi"):
        authoritative = render_to_string("wifi/portal/terms.html", context)
    return Notice(html, hashlib.sha256(authoritative.encode()).hexdigest()[:16])


def masked_phone(e164: str) -> str:
    """+84912345678 as 0xxx xxx 678: enough for the person to see which number the code went
    to, not enough for someone looking over their shoulder."""
    national = "0" + e164.removeprefix("+84")
    hidden = "0" + "x" * (len(national) - 4)
    shown = hidden + national[-3:]
    return f"{shown[:4]} {shown[4:7]} {shown[7:]}"


def local_time(moment) -> str:
    return timezone.localtime(moment, local_tz()).strftime("%H:%M:%S")


def _code_hash(token: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{token}:{code}".encode(), hashlib.sha256
    ).hexdigest()


BUSY = _("Điểm Wi-Fi đang nhận quá nhiều yêu cầu mã. Hãy thử lại sau một phút.")


def _over_budget(nas: Nas, address: str | None, now) -> bool:
    """Whether this minute's codes from `address`, at `nas` or in total are spent."""
    minute_ago = now - timedelta(minutes=1)
    recent = PortalAttempt.objects.filter(created_at__gt=minute_ago)
    limits = conf()
    if address and recent.filter(client_address=address).count() >= (
        limits.codes_per_address_minute
    ):
        return True
    if recent.filter(nas=nas).count() >= limits.codes_per_nas_minute:
        return True
    return recent.count() >= limits.codes_per_minute


def _hour_frees(who: Q, hour_ago):
    """When the oldest of the last hour's codes for `who` leaves the hour."""
    oldest = (
        PortalAttempt.objects.filter(who, created_at__gt=hour_ago)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return (oldest or hour_ago) + timedelta(hours=1)


def request_code(
    nas: Nas,
    phone: str,
    came: Arrival,
    address: str | None = None,
    *,
    consent_version: str = "",
) -> PortalAttempt:
    """Sends a fresh code to `phone` unless the phone or the device had their share this hour,
    or the client address, the hotspot or the portal theirs this minute. The attempt (and the
    consent given to `consent_version` of the notice, when given) is stored only if the
    message left."""
    try:
        e164 = normalize_mobile(phone)
    except IdentityError as error:
        raise PortalError(error.message, 422) from None
    ring = key_ring()
    index = phone_index(e164, ring)
    now = clock.now()
    hour_ago = now - timedelta(hours=1)
    with transaction.atomic():
        # Two requests for one phone or device at once must not both slip under the limit.
        with connection.cursor() as cursor:
            for name in (index, came.mac, address or ""):
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"portal:{name}"])
        # One query, both hourly indexes (PostgreSQL ORs the two index scans).
        recent = PortalAttempt.objects.filter(
            Q(phone_index=index) | Q(mac=came.mac), created_at__gt=hour_ago
        ).aggregate(
            phone=Count("pk", filter=Q(phone_index=index)),
            device=Count("pk", filter=Q(mac=came.mac)),
        )
        if recent["phone"] >= conf().codes_per_phone_hour:
            again = _hour_frees(Q(phone_index=index), hour_ago)
            raise PortalError(
                _(
                    "Số điện thoại này đã nhận đủ số mã cho phép trong một giờ. "
                    "Có thể yêu cầu lại lúc %(time)s."
                )
                % {"time": local_time(again)},
                429,
            )
        if recent["device"] >= conf().codes_per_device_hour:
            again = _hour_frees(Q(mac=came.mac), hour_ago)
            raise PortalError(
                _(
                    "Thiết bị này đã yêu cầu quá nhiều mã trong một giờ. "
                    "Có thể yêu cầu lại lúc %(time)s."
                )
                % {"time": local_time(again)},
                429,
            )
        # Per NAS and in total without a lock (it would queue every hotspot behind one slow
        # send): concurrent requests may pass those budgets by a few, never by many.
        if _over_budget(nas, address, now):
            raise PortalError(BUSY, 429)
        token = secrets.token_urlsafe(32)
        code = f"{secrets.randbelow(1_000_000):06d}"
        attempt = PortalAttempt.objects.create(
            token=token,
            nas=nas,
            phone_index=index,
            phone_sealed=seal(e164, ATTEMPT_PHONE_COLUMN, ring),
            mac=came.mac,
            code_hash=_code_hash(token, code),
            client=came.client,
            client_address=address,
            created_at=now,
            expires_at=now + timedelta(seconds=conf().code_ttl_seconds),
        )
        if consent_version:
            PortalConsent.objects.create(
                nas=nas, phone_index=index, consented_at=now, version=consent_version
            )
        minutes = max(1, conf().code_ttl_seconds // 60)
        text = str(
            _(
                "%(provider)s: mã xác thực Wi-Fi tại %(hotspot)s là %(code)s, "
                "dùng trong %(minutes)s phút."
            )
            % {
                "provider": conf().provider_name,
                "hotspot": nas.shown_name,
                "code": code,
                "minutes": minutes,
            }
        )
        try:
            sms.sending_gateway().send(e164, text)
        except sms.GatewayError:
            raise PortalError(
                _("Chưa gửi được tin nhắn chứa mã. Hãy thử lại sau ít phút."), 503
            ) from None
    return attempt


@dataclass(frozen=True)
class Waiting:
    """What the code page tells about an attempt: the number the code went to (masked), until
    when the code is good, and from when another may be asked for."""

    attempt: PortalAttempt
    masked_phone: str
    expires_at: object
    resend_at: object


def waiting(token: str) -> Waiting:
    attempt = (
        PortalAttempt.objects.select_related("nas__point")
        .filter(token=token, verified_at__isnull=True)
        .first()
    )
    if attempt is None:
        raise PortalError(_("Không tìm thấy yêu cầu xác thực này. Hãy bắt đầu lại."), 404)
    phone = unseal(attempt.phone_sealed, ATTEMPT_PHONE_COLUMN, key_ring())
    return Waiting(
        attempt,
        masked_phone(phone),
        attempt.expires_at,
        attempt.created_at + timedelta(seconds=conf().resend_after_seconds),
    )


def resend(token: str, address: str | None = None) -> PortalAttempt:
    """A new code to the same number for the same device ("Gửi lại mã"): not before
    resend_after_seconds, and within the hourly limits and budgets of any request. The old
    code stops working."""
    now = clock.now()
    shown = waiting(token)
    if now < shown.resend_at:
        raise PortalError(
            _("Chưa thể gửi lại mã. Có thể gửi lại lúc %(time)s.")
            % {"time": local_time(shown.resend_at)},
            429,
        )
    old = shown.attempt
    phone = unseal(old.phone_sealed, ATTEMPT_PHONE_COLUMN, key_ring())
    attempt = request_code(old.nas, phone, Arrival(old.mac, old.client), address)
    PortalAttempt.objects.filter(pk=old.pk, expires_at__gt=now).update(expires_at=now)
    return attempt


@dataclass(frozen=True)
class Verified:
    attempt: PortalAttempt
    password: str


def check_code(token: str, code: str) -> Verified:
    """The code typed for attempt `token`: right, the person is verified and their device
    registered; wrong, one try fewer (and the count stays even though the answer is an
    error)."""
    code = (code or "").strip()
    wrong = False
    with transaction.atomic():
        attempt = (
            PortalAttempt.objects.select_for_update().select_related("nas").filter(token=token)
        ).first()
        if attempt is None:
            raise PortalError(_("Không tìm thấy yêu cầu xác thực này. Hãy bắt đầu lại."), 404)
        if attempt.verified_at is not None:
            raise PortalError(_("Mã này đã được dùng. Hãy bắt đầu lại."), 410)
        if clock.now() >= attempt.expires_at:
            raise PortalError(_("Mã đã hết hạn. Hãy yêu cầu mã mới."), 410)
        if attempt.attempts >= conf().code_attempts:
            raise PortalError(_("Đã nhập sai quá số lần cho phép. Hãy yêu cầu mã mới."), 429)
        if not (len(code) == 6 and code.isdigit()):
            raise PortalError(_("Mã xác thực gồm 6 chữ số."), 422)
        if not hmac.compare_digest(attempt.code_hash, _code_hash(token, code)):
            attempt.attempts += 1
            attempt.save(update_fields=["attempts"])
            wrong = True
        else:
            phone = unseal(attempt.phone_sealed, ATTEMPT_PHONE_COLUMN, key_ring())
            user, password = services.verify_user(phone, attempt.nas.point)
            services.authorize_device(user, attempt.mac)
            attempt.verified_at = clock.now()
            attempt.user = user
            attempt.save(update_fields=["verified_at", "user"])
            if attempt.nas.controller == Controller.OPENNDS and attempt.nas.fas_level == 3:
                AuthmonGrant.objects.create(
                    attempt=attempt,
                    nas=attempt.nas,
                    gateway_hash=attempt.client["gateway_hash"],
                    rhid=controllers.fas_token(attempt.client["hid"], portal_key(attempt.nas)),
                    custom=user.login,
                    created_at=clock.now(),
                )
    if wrong:
        left = conf().code_attempts - attempt.attempts
        raise PortalError(_("Mã xác thực không đúng. Còn %(left)s lần thử.") % {"left": left}, 422)
    return Verified(attempt, password)


def handover(verified: Verified, request) -> str:
    """Where the browser goes after the code: the controller's own URL that lets the client
    on, or (openNDS level 3) the page that waits for authmon to collect the grant."""
    attempt, client, nas = verified.attempt, verified.attempt.client, verified.attempt.nas
    done = request.build_absolute_uri(reverse("wifi-portal-done", args=[attempt.token]))
    if nas.controller == Controller.CHILLI:
        uam = controllers.UamClient(
            res="notyet",
            uamip=client["uamip"],
            uamport=client["uamport"],
            challenge=client["challenge"],
            mac=attempt.mac,
            ip=client["ip"],
            nasid="",
            userurl=client["userurl"],
            reply="",
        )
        return controllers.uam_logon_url(
            uam, attempt.user.login, verified.password, portal_key(nas), nas.uam_chap
        )
    if nas.fas_level == 3:
        return done
    fas = controllers.FasClient(
        hid=client["hid"],
        client_ip=client["ip"],
        client_mac=attempt.mac,
        gateway_name="",
        gateway_address=client["gateway_address"],
        authdir=client["authdir"],
        origin_url=client["origin_url"],
    )
    return controllers.fas_auth_url(fas, portal_key(nas), client["origin_url"] or done)


def authmon(nas: Nas, action: str, gateway_hash: str) -> str:
    """The FAS side of openNDS's authmon: `view` lists the grants waiting for this gateway,
    `list` hands them over (they are not listed again), `clear` drops them."""
    if action not in {"view", "list", "clear"}:
        raise PortalError(_("auth_get phải là view, list hoặc clear."), 400)
    if len(gateway_hash) != 64:
        raise PortalError(_("Thiếu gatewayhash hợp lệ."), 400)
    with transaction.atomic():
        waiting = AuthmonGrant.objects.select_for_update().filter(
            nas=nas, gateway_hash=gateway_hash.lower(), collected_at__isnull=True
        )
        grants = list(waiting.order_by("created_at"))
        if action != "view":
            waiting.update(collected_at=clock.now())
    if action == "clear":
        return controllers.authmon_answer([])
    minutes = conf().session_minutes
    return controllers.authmon_answer(
        [controllers.authmon_line(grant.rhid, minutes, grant.custom) for grant in grants]
    )


BINAUTH_EVENTS = frozenset(
    {
        "auth_client",
        "client_auth",
        "client_deauth",
        "idle_deauth",
        "timeout_deauth",
        "downquota_deauth",
        "upquota_deauth",
        "ndsctl_auth",
        "ndsctl_deauth",
        "shutdown_deauth",
    }
)
LOGIN = re.compile(r"^wf[0-9a-f]{16}$")


def record_event(
    nas: Nas,
    *,
    kind: str,
    mac: str,
    ip: str | None,
    login: str = "",
    session_start=None,
    session_end=None,
    bytes_in=None,
    bytes_out=None,
) -> GatewayEvent:
    """Stores what BinAuth reported. `login` is the custom string the portal gave authmon
    (a WifiUser login); anything else there is dropped, as it is not ours to keep."""
    if kind not in BINAUTH_EVENTS:
        raise PortalError(_("Loại sự kiện BinAuth không được hỗ trợ."), 422)
    normal = services.normalize_mac(mac)
    if normal is None:
        raise PortalError(_("Địa chỉ MAC không hợp lệ."), 422)
    if ip is not None:
        try:
            ipaddress.ip_address(ip)
        except ValueError:
            raise PortalError(_("Địa chỉ IP không hợp lệ."), 422) from None
    for count in (bytes_in, bytes_out):
        if count is not None and not (isinstance(count, int) and 0 <= count < 2**63):
            raise PortalError(_("Số byte không hợp lệ."), 422)
    return GatewayEvent.objects.create(
        nas=nas,
        event=kind,
        mac=normal,
        ip_address=ip,
        login=login if LOGIN.match(login or "") else "",
        session_start=session_start,
        session_end=session_end,
        bytes_in=bytes_in,
        bytes_out=bytes_out,
        received_at=clock.now(),
    )


def purge_attempts() -> int:
    """Deletes attempts past their use (NETPOINT_WIFI attempt_retention_hours)."""
    cutoff = clock.now() - timedelta(hours=conf().attempt_retention_hours)
    deleted, _by_model = PortalAttempt.objects.filter(created_at__lt=cutoff).delete()
    return deleted
