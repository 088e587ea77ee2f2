"""What the Wi-Fi domain does: hotspots' NAS devices, people the portal verified, their
devices, and the decision RADIUS takes on an Access-Request."""

import hashlib
import hmac
import re
import secrets
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from pyrad import packet as radius

from netpoint.common.audit.services import record
from netpoint.common.core import clock
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.modules.wifi.conf import conf
from netpoint.provider.modules.wifi.models import (
    Nas,
    RadAcct,
    WifiDevice,
    WifiUser,
    address_list,
)
from netpoint.provider.registry.models import Point

SECRET_COLUMN = "wifi_nas.secret"
PORTAL_KEY_COLUMN = "wifi_nas.portal_key"
EVENT_KEY_COLUMN = "wifi_nas.event_key"
PASSWORD_COLUMN = "wifi_wifiuser.password"
PHONE_COLUMN = "wifi_wifiuser.phone"

MAC = re.compile(r"^[0-9A-Fa-f]{2}([-:.]?)(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$")
MAC_DOTTED = re.compile(r"^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$")


class WifiError(ValueError):
    pass


def normalize_mac(raw: str) -> str | None:
    """AA-BB-CC-DD-EE-FF for the forms NAS devices send (colons, dashes, none, Cisco dots)."""
    text = (raw or "").strip()
    if not (MAC.match(text) or MAC_DOTTED.match(text)):
        return None
    digits = re.sub(r"[^0-9A-Fa-f]", "", text).upper()
    return "-".join(digits[i : i + 2] for i in range(0, 12, 2))


def register_nas(point: Point, name: str, ip_address: str, secret: str, **fields) -> Nas:
    if point.point_type != Point.Type.WIFI:
        raise WifiError(_("Chỉ điểm Wi-Fi công cộng mới có thiết bị NAS."))
    if len(secret) < 16:
        raise WifiError(_("Khoá bí mật dùng chung phải dài ít nhất 16 ký tự."))
    return Nas.objects.create(
        point=point,
        name=name,
        ip_address=ip_address,
        secret_sealed=seal(secret, SECRET_COLUMN, key_ring()),
        **fields,
    )


def save_nas(nas: Nas, changed: list[str], user, *, secret="", portal_key="", event_key="") -> Nas:
    """Saves a NAS set up by staff: keys given are sealed, keys left empty stay as they were;
    the audit log says what changed, never a key."""
    ring = key_ring()
    if secret:
        nas.secret_sealed = seal(secret, SECRET_COLUMN, ring)
    if portal_key:
        nas.portal_key_sealed = seal(portal_key, PORTAL_KEY_COLUMN, ring)
    if event_key:
        nas.event_key_sealed = seal(event_key, EVENT_KEY_COLUMN, ring)
    with transaction.atomic():
        nas.save()
        record(
            "nas_saved",
            user=user,
            target=f"nas:{nas.pk}",
            detail={
                "fields": sorted(
                    f for f in changed if f not in ("secret", "portal_key", "event_key")
                ),
                "secret_changed": bool(secret),
                "portal_key_changed": bool(portal_key),
                "event_key_changed": bool(event_key),
            },
        )
    return nas


@dataclass(frozen=True)
class NasEntry:
    """What the RADIUS server keeps in memory about a NAS."""

    id: int
    point_id: int
    secret: bytes
    require_message_authenticator: bool
    # What its packets may name in NAS-IP-Address: its own source address and, behind NAT,
    # the private ones listed for it.
    claims: frozenset[str] = frozenset()


def active_nas() -> dict[str, NasEntry]:
    ring = key_ring()
    return {
        nas.ip_address: NasEntry(
            nas.id,
            nas.point_id,
            unseal(nas.secret_sealed, SECRET_COLUMN, ring).encode(),
            nas.require_message_authenticator,
            frozenset([nas.ip_address, *address_list(nas.nat_addresses)]),
        )
        for nas in Nas.objects.filter(active=True)
    }


def count_refused_claims(counts: dict[int, int]) -> None:
    """Adds what the RADIUS server dropped since it last said (NAS id -> packets that named
    another address) to each NAS's counter, shown in the NAS list."""
    now = clock.now()
    for nas_id, count in counts.items():
        Nas.objects.filter(pk=nas_id).update(
            refused_claims=F("refused_claims") + count, last_refused_claim_at=now
        )


@transaction.atomic
def verify_user(phone: str, point: Point | None = None) -> tuple[WifiUser, str]:
    """Records that the portal verified `phone` (the one-time code was right) and issues the
    login and password the device signs in to RADIUS with. Returns the user and the password,
    which is shown to the device once and kept only sealed."""
    ring = key_ring()
    e164 = normalize_mobile(phone)
    now = clock.now()
    password = secrets.token_urlsafe(12)
    user = WifiUser.objects.select_for_update().filter(phone_index=phone_index(e164, ring)).first()
    if user is None:
        user = WifiUser(
            login="wf" + secrets.token_hex(8),
            phone_index=phone_index(e164, ring),
            phone_sealed=seal(e164, PHONE_COLUMN, ring),
        )
    user.password_sealed = seal(password, PASSWORD_COLUMN, ring)
    user.point = point
    user.verified_at = now
    user.verified_until = now + timedelta(days=conf().verification_days)
    user.save()
    return user, password


def authorize_device(user: WifiUser, mac: str) -> WifiDevice:
    """Lets a verified user's device back on by MAC authentication while the verification
    lasts."""
    normal = normalize_mac(mac)
    if normal is None:
        raise WifiError(_("Địa chỉ MAC không hợp lệ."))
    device, _created = WifiDevice.objects.update_or_create(
        mac=normal, defaults={"user": user, "authorized_until": user.verified_until}
    )
    return device


@dataclass(frozen=True)
class Credentials:
    """What an Access-Request proves: a PAP password, or a CHAP answer to a challenge."""

    user_name: str
    calling_station_id: str = ""
    password: bytes | None = None
    chap_id: int | None = None
    chap_response: bytes | None = None
    chap_challenge: bytes | None = None

    def prove(self, secret: bytes) -> bool:
        if self.password is not None:
            return hmac.compare_digest(self.password, secret)
        if self.chap_response is not None and self.chap_challenge is not None:
            expected = hashlib.md5(  # noqa: S324 - CHAP is MD5 by definition (RFC 1994)
                bytes([self.chap_id]) + secret + self.chap_challenge
            ).digest()
            return hmac.compare_digest(self.chap_response, expected)
        return False


def authenticate(credentials: Credentials) -> bool:
    """Access-Accept or not: a verified user's login and password, or a device authorized for
    MAC authentication whose MAC is both its user name and the calling station (its password
    being the user name as sent, the way hotspot controllers do MAC authentication)."""
    now = clock.now()
    user = WifiUser.objects.filter(login=credentials.user_name, verified_until__gt=now).first()
    if user is not None:
        password = unseal(user.password_sealed, PASSWORD_COLUMN, key_ring())
        return credentials.prove(password.encode())
    mac = normalize_mac(credentials.user_name)
    if mac is None or mac != normalize_mac(credentials.calling_station_id):
        return False
    authorized = WifiDevice.objects.filter(
        mac=mac, authorized_until__gt=now, user__verified_until__gt=now
    ).exists()
    return authorized and credentials.prove(credentials.user_name.encode())


DISCONNECT_ANSWERS = {
    radius.DisconnectACK: "ack",
    radius.DisconnectNAK: "nak",
}


def disconnect(session: RadAcct, user) -> str:
    """Asks the session's NAS to end it (RFC 5176 Disconnect-Request, signed with a
    Message-Authenticator): "ack", "nak" or "no_answer". The row closes when the NAS sends its
    Stop, as for any other end of a session."""
    from netpoint.provider.modules.wifi.accounting import DICTIONARY

    nas = Nas.objects.filter(ip_address=session.nasipaddress, active=True).first()
    if nas is None:
        raise WifiError(_("Không có thiết bị NAS nào đang hoạt động với địa chỉ của phiên này."))
    secret = unseal(nas.secret_sealed, SECRET_COLUMN, key_ring()).encode()
    request = radius.CoAPacket(code=radius.DisconnectRequest, secret=secret, dict=DICTIONARY)
    request["Acct-Session-Id"] = session.acctsessionid
    # The NAS's own name for itself: behind NAT the private address listed for it (the
    # session is stored under the public one it sends from).
    private = [address for address in address_list(nas.nat_addresses) if "." in address]
    request["NAS-IP-Address"] = private[0] if private else session.nasipaddress
    if session.username:
        request["User-Name"] = session.username
    if session.callingstationid:
        request["Calling-Station-Id"] = session.callingstationid
    request.add_message_authenticator()
    raw = request.RequestPacket()
    answer = "no_answer"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(conf().disconnect_timeout_seconds)
        for _try in range(conf().disconnect_tries):
            sock.sendto(raw, (nas.ip_address, nas.coa_port))
            try:
                data, source = sock.recvfrom(4096)
            except TimeoutError:
                continue
            try:
                reply = request.CreateReply(packet=data)
            except radius.PacketError:
                continue
            if source[0] == nas.ip_address and request.VerifyReply(reply, data):
                answer = DISCONNECT_ANSWERS.get(reply.code, "no_answer")
                break
    record(
        "wifi_session_disconnect",
        user=user,
        target=f"radacct:{session.pk}",
        detail={"nas": nas.pk, "answer": answer},
    )
    return answer
