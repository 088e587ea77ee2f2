"""Pairing again without a code: a station whose disk is reset at every boot (Deep Freeze,
diskless) has lost its token each morning. Its agent asks to be paired again with its MAC, its
host name and a random secret it keeps; the cashier sees "Máy X xin ghép lại" on the grid and
approves it in one click; the agent holding the secret then collects a new token, once.

Trust the channel, not the claim: a MAC is only a claim, so nothing pairs without the cashier,
who sees the request as the point saw it (its source address, and the MAC the point's own ARP
table holds for that address), with a warning where that differs from what the point knew. The
token goes only to the holder of the secret, from the address the request came from.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from netpoint.common import tokens
from netpoint.common.core import clock
from netpoint.point.billing import services as till
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.outbox import services as outbox
from netpoint.point.stations import live
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import RegistrationRequest, Station

ARP_TABLE = Path("/proc/net/arp")


class RegistrationError(Exception):
    """A refusal; `status` is the HTTP status the API answers with, the text is for people."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Outcome:
    """What the agent is told when it asks after its request."""

    status: str  # "pending", "approved" (with the token, this once) or "expired"
    station: Station | None = None
    token: str | None = None


@dataclass(frozen=True)
class Waiting:
    """A request as the cashier's grid shows it."""

    request: RegistrationRequest
    warnings: tuple[str, ...]


def normal_mac(mac: str) -> str:
    return mac.replace("-", ":").upper()


def arp_mac(ip: str, table: str | None = None) -> str:
    """The MAC the point's ARP table holds for `ip` ("" if none: another OS, another subnet)."""
    if table is None:
        try:
            table = ARP_TABLE.read_text()
        except OSError:
            return ""
    for line in table.splitlines()[1:]:
        fields = line.split()
        # IP address, HW type, Flags, HW address, Mask, Device; flags 0x0: an incomplete entry.
        if len(fields) >= 4 and fields[0] == ip and fields[2] != "0x0":
            return normal_mac(fields[3])
    return ""


def _live(now: datetime):
    return RegistrationRequest.objects.filter(collected_at__isnull=True, expires_at__gt=now)


@transaction.atomic
def ask(*, mac: str, hostname: str, secret: str, ip: str) -> RegistrationRequest:
    """Record a station's request to be paired again. Never pairs anything by itself."""
    now = clock.now()
    mac = normal_mac(mac)
    secret_hash = tokens.digest(secret)
    if RegistrationRequest.objects.filter(secret_hash=secret_hash).exists():
        raise RegistrationError(409, _("Mã bí mật này đã được dùng; máy trạm hãy tạo mã mới."))
    # Ended requests go; an agent that restarted replaces its own request still waiting.
    RegistrationRequest.objects.filter(expires_at__lte=now).delete()
    RegistrationRequest.objects.filter(ip=ip, approved_at__isnull=True).delete()
    if _live(now).filter(approved_at__isnull=True).count() >= conf().registrations_pending_at_most:
        raise RegistrationError(
            429, _("Có quá nhiều máy đang xin ghép lại; hãy thử lại sau ít phút.")
        )
    return RegistrationRequest.objects.create(
        station=Station.objects.filter(mac__iexact=mac).first(),
        mac=mac,
        hostname=hostname,
        ip=ip,
        seen_mac=arp_mac(ip),
        secret_hash=secret_hash,
        created_at=now,
        expires_at=now + timedelta(minutes=conf().registration_minutes),
    )


@transaction.atomic
def collect(*, secret: str, ip: str) -> Outcome:
    """The agent asks after its request; once approved it gets its new token, this once."""
    now = clock.now()
    found = (
        RegistrationRequest.objects.select_for_update(of=("self",))
        .select_related("station")
        .filter(secret_hash=tokens.digest(secret), collected_at__isnull=True)
        .first()
    )
    if found is None:
        raise RegistrationError(404, _("Không có yêu cầu ghép lại nào với mã bí mật này."))
    if found.ip != ip:
        raise RegistrationError(403, _("Yêu cầu ghép lại này được gửi từ một địa chỉ khác."))
    if found.expires_at <= now:
        found.delete()
        return Outcome("expired")
    if found.approved_at is None:
        return Outcome("pending", found.station)
    token = tokens.new_secret()
    station = found.station
    station.token_hash = tokens.digest(token)
    station.paired_at = now
    station.last_seen_at = now
    station.mac = found.mac
    station.ip = found.ip
    station.save()
    found.collected_at = now
    found.save(update_fields=["collected_at"])
    outbox.emit(
        "station.registered", {"station": station.pk, "name": station.name, "mac": found.mac}
    )
    live.forget(station.pk)
    return Outcome("approved", station, token)


@transaction.atomic
def approve(pk: int, cashier, station: Station | None = None) -> RegistrationRequest:
    """The cashier's one click. `station` is needed only for a PC whose MAC the point did not
    know (the cashier says which station it is)."""
    now = clock.now()
    found = RegistrationRequest.objects.select_for_update().filter(pk=pk).first()
    if found is None or found.approved_at is not None or found.expires_at <= now:
        raise RegistrationError(
            409, _("Yêu cầu ghép lại này đã hết hạn hoặc đã được duyệt; hãy chờ máy xin lại.")
        )
    target = station or found.station
    if target is None:
        raise RegistrationError(400, _("Hãy chọn máy trạm cho yêu cầu ghép lại này."))
    holder = Station.objects.filter(mac__iexact=found.mac).exclude(pk=target.pk).first()
    if holder is not None:
        raise RegistrationError(
            409,
            _("Địa chỉ MAC %(mac)s đang là của máy %(station)s.")
            % {"mac": found.mac, "station": holder.name},
        )
    # Any other request for the same station loses: only what the cashier saw is let in.
    _live(now).filter(station=target, approved_at__isnull=True).exclude(pk=found.pk).delete()
    found.station = target
    found.approved_at = now
    found.approved_by = cashier
    found.expires_at = now + timedelta(minutes=conf().registration_minutes)
    found.save(update_fields=["station", "approved_at", "approved_by", "expires_at"])
    till.record(LedgerEntry.Kind.STATION_PAIRING, cashier=cashier, station=target)
    return found


def waiting(now: datetime | None = None) -> list[Waiting]:
    """The requests still waiting for the cashier, with what should make them look twice."""
    now = now or clock.now()
    rows = []
    pending = _live(now).filter(approved_at__isnull=True).select_related("station")
    for found in pending:
        warnings = []
        if found.station is None:
            warnings.append(_("Máy lạ: chưa máy trạm nào mang địa chỉ MAC này."))
        if found.seen_mac and found.seen_mac != found.mac:
            warnings.append(
                _("MAC máy gửi khác MAC thấy trên mạng (%(mac)s).") % {"mac": found.seen_mac}
            )
        if found.station is not None and found.station.ip and found.station.ip != found.ip:
            warnings.append(_("Địa chỉ IP khác lần trước (%(ip)s).") % {"ip": found.station.ip})
        rows.append(Waiting(found, tuple(warnings)))
    return rows
