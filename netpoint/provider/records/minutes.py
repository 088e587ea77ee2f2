"""A minor's minutes today at the provider's other points, for the point that asks.

The point names the person by its own customer id, never by an ID number: the provider finds
them through that point's own registration (records.PointPerson), so a point can ask only about
people it registered, and through the person merged by the blind index of their ID number
(records.Person) it counts their sessions at every other point. The asking point counts its
own sessions itself, from its fresher records.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from netpoint.common.core.policy import local_tz
from netpoint.common.policies.playtime import Interval, day_start, played, seconds_on_day
from netpoint.provider.records.models import PointPerson, SessionRecord
from netpoint.provider.registry.models import Point

# A session that still counts today started at most this long before the day did.
LOOKBACK = timedelta(days=2)


@dataclass(frozen=True)
class Elsewhere:
    known: bool  # False: the provider has not heard of this person from this point yet
    seconds: int  # played today (local day of `at`, up to `at`) at every other point
    day: str  # that day, YYYY-MM-DD


def _stretches(record: SessionRecord, at: datetime) -> tuple[Interval, ...]:
    pauses = [
        (datetime.fromisoformat(start), datetime.fromisoformat(end) if end else None)
        for start, end in (record.pauses or [])
    ]
    end = min(record.ended_at, at) if record.ended_at else at
    return played(record.started_at, end, pauses)


def elsewhere(point: Point, local_id: int, at: datetime) -> Elsewhere:
    tz = local_tz()
    day = at.astimezone(tz).date()
    person_id = (
        PointPerson.objects.filter(point=point, local_id=local_id)
        .values_list("person_id", flat=True)
        .first()
    )
    if person_id is None:
        return Elsewhere(False, 0, day.isoformat())
    start = day_start(day, tz)
    records = (
        SessionRecord.objects.filter(
            person_id=person_id, started_at__gte=start - LOOKBACK, started_at__lt=at
        )
        .exclude(point=point)
        .only("started_at", "ended_at", "pauses")
    )
    intervals = [
        stretch
        for record in records
        if record.ended_at is None or record.ended_at > start
        for stretch in _stretches(record, at)
    ]
    return Elsewhere(True, seconds_on_day(intervals, day, at, tz), day.isoformat())
