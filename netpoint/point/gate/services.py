"""The paired addresses the gate lets out, the allow-list wanted now, and how the gateway is
doing (for the cashier's grid)."""

import threading
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from netpoint.common.core import clock
from netpoint.point.gate import neighbours
from netpoint.point.gate.allowlist import Entry, PairedStation, desired, normal_mac
from netpoint.point.gate.conf import conf
from netpoint.point.gate.models import PairedAddress
from netpoint.point.sessions.models import Session, SessionPause
from netpoint.point.stations.models import Station


def remember_pairing(station: Station) -> None:
    """Keep the address `station` paired from (called when a Station is saved; only a new
    pairing changes what is kept). The MAC is the one this server's neighbour table holds for
    the address the pairing request came from, when the two are on one LAN; else the one the
    station said (the card it reaches the point through)."""
    if station.paired_at is None:
        return
    kept = PairedAddress.objects.filter(station=station).first()
    if kept is not None and kept.paired_at == station.paired_at:
        return
    # What this server saw the pairing come from (the channel) before what the station said.
    mac = neighbours.mac_of(station.ip) or normal_mac(station.mac) or ""
    PairedAddress.objects.update_or_create(
        station=station, defaults={"ip": station.ip, "mac": mac, "paired_at": station.paired_at}
    )


def wanted() -> frozenset[Entry]:
    """The allow-list as it should be now: one query, a few hundred rows at most."""
    # A session the cashier paused ("Khóa máy" → "Tạm dừng phiên") keeps its station locked,
    # off the internet too.
    paused = SessionPause.objects.filter(session=OuterRef("pk"), ended_at__isnull=True)
    running = Session.objects.filter(
        ~Exists(paused), station_id=OuterRef("station_id"), ended_at__isnull=True
    )
    rows = (
        PairedAddress.objects.annotate(running=Exists(running))
        .filter(Q(running=True) | Q(station__maintenance_unlocked=True))
        .values_list("station_id", "ip", "mac", "running", "station__maintenance_unlocked")
    )
    stations, in_session, unlocked = [], set(), set()
    for station, ip, mac, is_running, is_unlocked in rows:
        stations.append(PairedStation(station, ip, mac))
        if is_running:
            in_session.add(station)
        if is_unlocked:
            unlocked.add(station)
    return desired(stations, frozenset(in_session), frozenset(unlocked))


@dataclass(frozen=True)
class GateState:
    """What the grid says of the gateway: `failing` when the last try to reach it failed."""

    driver: str
    in_step_at: datetime | None = None
    failing: bool = False
    error: str = ""
    failing_since: datetime | None = None
    allowed: int = 0


# Kept in memory by the keeper thread of this process (`netpoint serve` is one process on a
# point), read by the grid: one value replaced whole, so a reader never sees half of it.
_state = GateState(driver="none")
_state_lock = threading.Lock()


def state() -> GateState:
    current = _state
    return current if current.driver == conf().driver else GateState(driver=conf().driver)


def record_in_step(allowed: int, now: datetime | None = None) -> None:
    global _state
    with _state_lock:
        _state = GateState(driver=conf().driver, in_step_at=now or clock.now(), allowed=allowed)


def record_failure(error: str, now: datetime | None = None) -> None:
    global _state
    now = now or clock.now()
    with _state_lock:
        current = _state if _state.driver == conf().driver else GateState(conf().driver)
        _state = replace(
            current, failing=True, error=error, failing_since=current.failing_since or now
        )


def forget_state() -> None:
    global _state
    with _state_lock:
        _state = GateState(driver="none")
