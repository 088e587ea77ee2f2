"""Whether a free station's agent has fallen silent: a pure decision, the clock passed in.

A station switched off properly says goodbye first (POST /api/station/goodbye); one whose lock
was killed, or whose agent was stopped, just stops talking. The point can only hear silence
while it is listening itself: a silence is counted from the later of the agent's last word and
the moment the point server started listening, so a restart of the server flags nobody.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Hearing:
    """What the point knows of one station's agent at a moment."""

    station: int
    last_word: datetime | None  # its last poll or heartbeat; None: never heard
    goodbye_at: datetime | None  # when it last said goodbye (a clean shutdown)
    in_session: bool
    maintenance: bool  # unlocked by the cashier for staff: not a customer's PC now


@dataclass(frozen=True)
class Silence:
    station: int
    last_word: datetime


def silent_free(
    hearings: Iterable[Hearing],
    now: datetime,
    *,
    after: timedelta,
    listening_since: datetime,
    point_open: bool,
) -> list[Silence]:
    """The free stations whose agent, once heard, has said nothing for longer than `after`
    without a goodbye, while the point is open. A station in a session has its own alarm
    ("Mất liên lạc khi đang dùng"); a closed point's stations are switched off for the night."""
    if not point_open:
        return []
    found = []
    for hearing in hearings:
        last = hearing.last_word
        if last is None or hearing.in_session or hearing.maintenance:
            continue
        if hearing.goodbye_at is not None and hearing.goodbye_at >= last:
            continue
        if now - max(last, listening_since) > after:
            found.append(Silence(hearing.station, last))
    return found
