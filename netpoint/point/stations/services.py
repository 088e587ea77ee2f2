"""Pairing station clients, their tokens and heartbeats, and what the cashier grid shows."""

import hmac
import secrets
import threading
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.common import pinning, tokens
from netpoint.common.core import clock
from netpoint.point.billing import services as till
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session
from netpoint.point.stations import live
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import PairingCode, Station, StationMessage

# No 0/O or 1/I: the cashier reads the code out and the customer's PC is typed on by staff.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8

STATUS_LABELS = {
    "in_use": gettext_lazy("Đang sử dụng"),
    "paused": gettext_lazy("Tạm khóa, phiên tạm dừng"),
    "silent": gettext_lazy("Mất liên lạc khi đang dùng"),
    "awaiting_payment": gettext_lazy("Chờ thanh toán"),
    "maintenance": gettext_lazy("Mở khóa bảo trì"),
    "free": gettext_lazy("Trống"),
    "offline": gettext_lazy("Tắt / chưa kết nối"),
}


class PairingError(Exception):
    pass


@transaction.atomic
def new_pairing_code(station: Station, cashier=None) -> str:
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    minutes = conf().pairing_code_minutes
    PairingCode.objects.filter(station=station, used_at__isnull=True).delete()
    PairingCode.objects.create(
        station=station,
        code_hash=pinning.code_hash(code),
        expires_at=clock.now() + timedelta(minutes=minutes),
    )
    till.record(LedgerEntry.Kind.STATION_PAIRING, cashier=cashier, station=station)
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def pair(
    code: str = "",
    *,
    proof: str = "",
    fingerprint: str | None = None,
    mac: str | None = None,
    ip: str | None = None,
) -> tuple[Station, str]:
    """Exchange a one-time code for the station's own token (replacing any earlier token).

    Over TLS the station sends, instead of the code, a proof binding the code to the
    certificate it sees (netpoint.common.pinning); `fingerprint` is this server's own.
    """
    now = clock.now()
    pending = PairingCode.objects.select_for_update().filter(
        used_at__isnull=True, expires_at__gt=now
    )
    if proof:
        pairing = next(
            (
                p
                for p in pending.select_related("station")
                if fingerprint
                and hmac.compare_digest(pinning.proof(p.code_hash, fingerprint), proof)
            ),
            None,
        )
    else:
        pairing = (
            pending.filter(code_hash=pinning.code_hash(code)).select_related("station").first()
        )
    if pairing is None:
        raise PairingError(_("Mã ghép máy không đúng hoặc đã hết hạn."))
    pairing.used_at = now
    pairing.save(update_fields=["used_at"])
    # The station's token lives on its row (netpoint.common.tokens: only the hash is kept).
    token = tokens.new_secret()
    station = pairing.station
    station.token_hash = tokens.digest(token)
    station.paired_at = now
    station.last_seen_at = now
    if mac:
        station.mac = mac
    if ip:
        station.ip = ip
    station.save()
    outbox.emit("station.registered", {"station": station.pk, "name": station.name, "mac": mac})
    live.forget(station.pk)
    return station, token


def station_for_token(token: str) -> Station | None:
    return live.station_for_token(tokens.digest(token)) if token else None


# Heartbeats arrive every few seconds from every station; they are kept in memory and written
# to the database once a second by the policy runner, in one transaction, instead of one
# write (and fsync) per heartbeat.
_heard: dict[int, tuple[datetime, str, str | None]] = {}
_heard_lock = threading.Lock()


def heartbeat(
    station: Station, client_version: str, acknowledged: list[int], ip: str | None = None
) -> None:
    """`ip`: the address the heartbeat came from, the station's own on the café's LAN (which
    may change with DHCP): the access log attributes the gateway's lines by it."""
    with _heard_lock:
        _heard[station.pk] = (clock.now(), client_version, ip or None)
    if acknowledged:
        StationMessage.objects.filter(
            station=station, pk__in=acknowledged, acknowledged_at__isnull=True
        ).update(acknowledged_at=clock.now())
        live.forget(station.pk)


def last_seen(station: Station) -> datetime | None:
    heard = _heard.get(station.pk)
    return heard[0] if heard else station.last_seen_at


def record_heartbeats() -> int:
    """Write the heartbeats heard since the last call, all in one statement."""
    with _heard_lock:
        heard = dict(_heard)
    if heard:
        rows = [(seen_at, version, ip, pk) for pk, (seen_at, version, ip) in heard.items()]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE stations_station SET last_seen_at = %s, client_version = %s,"
                " ip = COALESCE(%s, ip) WHERE id = %s",
                rows,
            )
    with _heard_lock:
        for pk, entry in heard.items():
            if _heard.get(pk) == entry:
                del _heard[pk]
    return len(heard)


@transaction.atomic
def send_message(station: Station, text: str, cashier=None) -> StationMessage:
    message = StationMessage.objects.create(station=station, text=text, sent_at=clock.now())
    live.forget(station.pk)
    till.record(LedgerEntry.Kind.STATION_MESSAGE, cashier=cashier, station=station)
    return message


@transaction.atomic
def set_maintenance(station: Station, unlocked: bool, cashier=None) -> None:
    Station.objects.filter(pk=station.pk).update(maintenance_unlocked=unlocked)
    live.forget(station.pk)
    kind = LedgerEntry.Kind.STATION_UNLOCK if unlocked else LedgerEntry.Kind.STATION_LOCK
    till.record(kind, cashier=cashier, station=station)


def lock_in_use(station: Station, *, end: bool, cashier=None) -> Session:
    """ "Khóa máy" on a station in use: the cashier pauses its session (the clock and charge
    stop until "Mở lại") or ends and bills it as a check-out (a walk-in then awaits payment).
    Either way the station's screen locks at its next poll."""
    session = sessions.running_session(station)
    if session is None:
        raise sessions.PauseRefused(
            _("Máy %(station)s không có phiên nào đang chạy.") % {"station": station}
        )
    if station.maintenance_unlocked:
        Station.objects.filter(pk=station.pk).update(maintenance_unlocked=False)
    if end:
        session = sessions.end_session(
            session, at=clock.now(), reason=Session.EndReason.CHECK_OUT, cashier=cashier
        )
    else:
        sessions.pause(session, cashier)
    live.forget(station.pk)
    return session


def resume(station: Station, cashier=None) -> Session:
    """ "Mở lại": the paused session on this station runs again and the station unlocks."""
    session = sessions.running_session(station)
    if session is None:
        raise sessions.PauseRefused(
            _("Máy %(station)s không có phiên nào đang tạm dừng.") % {"station": station}
        )
    sessions.resume(session, cashier)
    return session


def is_silent(station: Station, now) -> bool:
    limit = timedelta(seconds=conf().silent_after_seconds)
    seen = last_seen(station)
    return seen is None or now - seen > limit


def status(station: Station, running: dict | None, unpaid: bool, now) -> str:
    if running:
        if running["paused_since"] is not None:
            return "paused"
        return "silent" if is_silent(station, now) else "in_use"
    if unpaid:
        return "awaiting_payment"
    if station.maintenance_unlocked:
        return "maintenance"
    return "offline" if is_silent(station, now) else "free"


def grid(now=None) -> list[dict]:
    """Every station with its status and running session, for the cashier's grid."""
    now = now or clock.now()
    running = sessions.running_views(now)
    unpaid = {
        s.station_id: s
        for s in Session.objects.filter(ended_at__isnull=False, settled_at__isnull=True)
    }
    rows = []
    for station in Station.objects.select_related("zone"):
        state = status(station, running.get(station.pk), station.pk in unpaid, now)
        rows.append(
            {
                "station": station,
                "status": state,
                "status_label": STATUS_LABELS[state],
                "running": running.get(station.pk),
                "unpaid": unpaid.get(station.pk),
            }
        )
    return rows


def station_state(station: Station, now=None) -> dict:
    """What the lock-screen client needs: locked or not, time left, warnings, messages."""
    now = now or clock.now()
    seen = live.seen(station, now)
    running = None
    if seen.running:
        session, others = seen.running
        running = sessions.running_view(session, others, seen.hours, now)
    paused = running is not None and running["paused_since"] is not None
    unlocked = not paused and (running is not None or seen.station.maintenance_unlocked)
    return {
        "station": seen.station,
        "state": "unlocked" if unlocked else "locked",
        # Why a station with a session is locked, for its lock screen to say.
        "lock_reason": "cashier_paused" if paused else None,
        "running": running,
        "messages": seen.messages,
        "server_time": now,
    }
