"""Pairing station clients, their tokens and heartbeats, and what the cashier grid shows."""

import hmac
import secrets
import threading
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netpoint.common import pinning, tokens
from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import limits, local_tz
from netpoint.common.policies.age import is_minor
from netpoint.common.policies.hours import is_open
from netpoint.point.billing import services as till
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session
from netpoint.point.stations import live, silence
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import (
    PairingCode,
    Station,
    StationMessage,
    StationSilence,
    Zone,
    ZoneRate,
)

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
    "free_silent": gettext_lazy("Máy trống mất kết nối"),
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
    _spoke[station.pk] = clock.now()
    if acknowledged:
        StationMessage.objects.filter(
            station=station, pk__in=acknowledged, acknowledged_at__isnull=True
        ).update(acknowledged_at=clock.now())
        live.forget(station.pk)


# The last word of each station's agent, poll or heartbeat, kept in memory only: a poll every
# 2 s is too often to write, and a restarted server counts silence from its own start.
_spoke: dict[int, datetime] = {}
_goodbyes: dict[int, datetime] = {}


def heard(station: Station) -> None:
    """The agent asked for its state: it is alive."""
    _spoke[station.pk] = clock.now()


def goodbye(station: Station) -> None:
    """The agent says it is stopping on purpose (the PC shuts down): no alarm for its silence,
    and an alarm already raised ends."""
    now = clock.now()
    _goodbyes[station.pk] = now
    StationSilence.objects.filter(station=station, ended_at__isnull=True).update(ended_at=now)


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
    """The grid's "Khóa máy" on a station in use: the cashier pauses its session (the clock
    and charge stop until "Mở lại") or ends and bills it as a check-out (a walk-in then awaits
    payment). Either way the station's screen locks at its next poll."""
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
    """The grid's "Mở lại": the paused session on this station runs again; the station
    unlocks."""
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


def status(
    station: Station, running: dict | None, unpaid: bool, now, silent_free: bool = False
) -> str:
    if running:
        if running["paused_since"] is not None:
            return "paused"
        return "silent" if is_silent(station, now) else "in_use"
    if silent_free:
        return "free_silent"
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
    quiet = set(
        StationSilence.objects.filter(ended_at__isnull=True).values_list("station_id", flat=True)
    )
    today = now.astimezone(local_tz()).date()
    adult_age = limits().adult_age
    rows = []
    for station in Station.objects.select_related("zone"):
        view = running.get(station.pk)
        state = status(station, view, station.pk in unpaid, now, station.pk in quiet)
        row = {
            "station": station,
            "status": state,
            "status_label": STATUS_LABELS[state],
            "running": view,
            "unpaid": unpaid.get(station.pk),
        }
        if view is not None:
            session = view["session"]
            row |= {
                "minor": is_minor(session.customer.date_of_birth, today, adult_age),
                "used_seconds": view["used_seconds"],
                # Past midnight a time alone misleads: "đến 00:18" read at 23:00 is tomorrow.
                "started_other_day": _local_day(session.started_at) != today,
                "ends_other_day": view["ends_at"] is not None
                and _local_day(view["ends_at"]) != today,
            }
        rows.append(row)
    return rows


def _local_day(moment: datetime):
    return moment.astimezone(local_tz()).date()


class GridCount(NamedTuple):
    """One of the counts above the grid: how many stations are in this group of states."""

    key: str
    label: str
    count: int


# The grid's states grouped as the cashier counts them at a glance.
COUNT_GROUPS = (
    ("free", gettext_lazy("Trống"), ("free",)),
    ("in_use", gettext_lazy("Đang dùng"), ("in_use", "paused", "maintenance")),
    ("awaiting_payment", gettext_lazy("Chờ thanh toán"), ("awaiting_payment",)),
    ("lost", gettext_lazy("Mất kết nối"), ("silent", "free_silent")),
    ("off", gettext_lazy("Tắt"), ("offline",)),
)


def grid_counts(rows: list[dict]) -> list[GridCount]:
    states = [row["status"] for row in rows]
    return [
        GridCount(key, str(label), sum(state in members for state in states))
        for key, label, members in COUNT_GROUPS
    ]


# grid.js fetches the grid this often: part of the time an alarm takes to be seen.
GRID_REFRESH_SECONDS = 3
RUNNER_TICK_SECONDS = 1


def free_silent_after() -> timedelta:
    """How long a free station may say nothing before it counts as silent: the alarm's budget
    less what the runner and the grid's refresh take to show it."""
    budget = conf().free_silent_alarm_seconds - GRID_REFRESH_SECONDS - RUNNER_TICK_SECONDS
    return timedelta(seconds=max(budget, 1))


def watch_silences(now: datetime, listening_since: datetime) -> list[StationSilence]:
    """Called by the policy runner every tick: ends the silences of stations heard again, and
    notes each new one once, with its event for the provider in the same transaction."""
    stations = list(
        Station.objects.values_list("pk", "name", "last_seen_at", "maintenance_unlocked")
    )
    in_session = set(
        Session.objects.filter(ended_at__isnull=True).values_list("station_id", flat=True)
    )
    open_now = {s.station_id: s for s in StationSilence.objects.filter(ended_at__isnull=True)}
    hearings = []
    for pk, _name, stored, maintenance in stations:
        words = [w for w in (stored, _spoke.get(pk)) if w is not None]
        last_word = max(words) if words else None
        episode = open_now.get(pk)
        if episode is not None:
            if last_word is not None and last_word > episode.last_word:
                episode.ended_at = now
                episode.save(update_fields=["ended_at"])
            continue
        hearings.append(
            silence.Hearing(pk, last_word, _goodbyes.get(pk), pk in in_session, maintenance)
        )
    found = silence.silent_free(
        hearings,
        now,
        after=free_silent_after(),
        listening_since=listening_since,
        point_open=is_open(sessions.point_hours(), now, local_tz()),
    )
    names = {pk: name for pk, name, *_rest in stations}
    noticed = []
    for quiet in found:
        with transaction.atomic():
            episode, created = StationSilence.objects.get_or_create(
                station_id=quiet.station,
                last_word=quiet.last_word,
                defaults={"noticed_at": now},
            )
            if not created:  # heard again and then silent at the same word: already told
                continue
            outbox.emit(
                "station.silent",
                {
                    "station": names[quiet.station],
                    "last_seen": quiet.last_word.isoformat(),
                    "noticed_at": now.isoformat(),
                },
            )
        noticed.append(episode)
    return noticed


class SilentStation(NamedTuple):
    station: str
    last_word: datetime


def silent_free_stations() -> list[SilentStation]:
    """The open alarms "máy trống mất kết nối", for the grid."""
    return [
        SilentStation(name, last_word)
        for name, last_word in StationSilence.objects.filter(ended_at__isnull=True)
        .order_by("station__name")
        .values_list("station__name", "last_word")
    ]


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


class RateBand(NamedTuple):
    starts_at: time
    hourly_rate: int


MAX_HOURLY_RATE = 1_000_000


def _checked_rate(hourly_rate: int) -> int:
    if not 0 < hourly_rate <= MAX_HOURLY_RATE:
        raise ValidationError(
            {"hourly_rate": _("Giá mỗi giờ phải từ 1 đến %(max)s VND.") % {"max": "1.000.000"}}
        )
    return hourly_rate


@transaction.atomic
def set_rate(rate: ZoneRate, hourly_rate: int, by) -> ZoneRate:
    """Change one band's hourly rate; sessions already running keep the rates of their
    check-in (Session.rate_bands). Audited with the old and new rate."""
    rate = ZoneRate.objects.select_for_update().select_related("zone").get(pk=rate.pk)
    old = rate.hourly_rate
    rate.hourly_rate = _checked_rate(hourly_rate)
    rate.save(update_fields=["hourly_rate"])
    audit.record(
        "zone_rate_changed",
        user=by,
        target=f"zone:{rate.zone_id}",
        detail={"starts_at": rate.starts_at.strftime("%H:%M"), "old": old, "new": hourly_rate},
    )
    return rate


@transaction.atomic
def add_rate(zone: Zone, band: RateBand, by) -> ZoneRate:
    """A new band of a zone's prices from `band.starts_at`; one band a starting time."""
    _checked_rate(band.hourly_rate)
    if ZoneRate.objects.filter(zone=zone, starts_at=band.starts_at).exists():
        raise ValidationError({"starts_at": _("Khu vực này đã có giá từ giờ này.")})
    rate = ZoneRate.objects.create(
        zone=zone, starts_at=band.starts_at, hourly_rate=band.hourly_rate
    )
    audit.record(
        "zone_rate_added",
        user=by,
        target=f"zone:{zone.pk}",
        detail={"starts_at": band.starts_at.strftime("%H:%M"), "new": band.hourly_rate},
    )
    return rate
