"""What each station's lock screen is shown, kept in memory between reads of the database.

Every station polls every 2 s; three queries a poll cost more than the rest of the poll. The
policy runner reads all stations at once every second (a few queries for all of them), a poll
reads one station itself when what is kept is older than FRESH_SECONDS, and every change made
through the services forgets the station it touches, so a poll sees it at once.
"""

import threading
import time
from dataclasses import dataclass, field

from netpoint.common.tokens import same_digest
from netpoint.point.stations.models import Station, StationMessage

FRESH_SECONDS = 1.5
MESSAGES_SHOWN = 20


@dataclass
class Seen:
    station: Station
    running: tuple | None  # (session, the person's other intervals) while a session runs
    hours: object
    messages: list[StationMessage] = field(default_factory=list)
    read_at: float = 0.0


_seen: dict[int, Seen] = {}
_tokens: dict[str, int] = {}  # token hash -> station id
_forgotten_at: dict[int, float] = {}
_all_forgotten_at = 0.0
_lock = threading.Lock()


def forget(station_id: int) -> None:
    with _lock:
        _seen.pop(station_id, None)
        _forgotten_at[station_id] = time.monotonic()
        for token_hash in [h for h, pk in _tokens.items() if pk == station_id]:
            del _tokens[token_hash]


def forget_all() -> None:
    global _all_forgotten_at
    with _lock:
        _seen.clear()
        _tokens.clear()
        _forgotten_at.clear()
        _all_forgotten_at = time.monotonic()


def _install(entries: dict[int, Seen], read_at: float) -> None:
    """Keep what was read, except for stations changed while it was being read."""
    with _lock:
        if _all_forgotten_at > read_at:
            return
        for pk, entry in entries.items():
            if _forgotten_at.get(pk, 0.0) <= read_at:
                _seen[pk] = entry


def _read(now, stations: list[Station], one_station=None) -> dict[int, Seen]:
    # Sessions need stations and stations' screens need sessions: imported here, not above.
    from netpoint.point.sessions import services as sessions

    read_at = time.monotonic()
    running = {
        s.station_id: (s, others) for s, others in sessions.running_with_others(now, one_station)
    }
    messages = StationMessage.objects.filter(acknowledged_at__isnull=True).order_by("sent_at")
    if one_station is not None:
        messages = messages.filter(station=one_station)
    by_station: dict[int, list] = {}
    for message in messages:
        by_station.setdefault(message.station_id, []).append(message)
    hours = sessions.point_hours()
    return {
        station.pk: Seen(
            station=station,
            running=running.get(station.pk),
            hours=hours,
            messages=by_station.get(station.pk, [])[:MESSAGES_SHOWN],
            read_at=read_at,
        )
        for station in stations
    }


def refresh_all(now) -> None:
    """Read every station at once; the runner calls this every second."""
    read_at = time.monotonic()
    _install(_read(now, list(Station.objects.order_by())), read_at)


def seen(station: Station, now) -> Seen:
    entry = _seen.get(station.pk)
    if entry is None or time.monotonic() - entry.read_at > FRESH_SECONDS:
        read_at = time.monotonic()
        entries = _read(now, [station], one_station=station)
        _install(entries, read_at)
        entry = entries[station.pk]
    return entry


def station_for_token(token_hash: str) -> Station | None:
    """The station holding this token; a token replaced or revoked stops working within
    FRESH_SECONDS even when the change was made outside this process."""
    entry = _seen.get(_tokens.get(token_hash, 0))
    fresh = entry is not None and time.monotonic() - entry.read_at <= FRESH_SECONDS
    if fresh and same_digest(token_hash, entry.station.token_hash):
        return entry.station
    station = Station.objects.filter(token_hash=token_hash).order_by().first()
    if station is not None:
        with _lock:
            _tokens[token_hash] = station.pk
    return station
