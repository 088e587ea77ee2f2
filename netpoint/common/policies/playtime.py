"""Minors' play time per calendar day (00:00-24:00 local time)."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

Interval = tuple[datetime, datetime | None]  # end None: still running


def _merged(intervals: Iterable[Interval], now: datetime) -> list[tuple[datetime, datetime]]:
    """Close running intervals at `now` and merge overlaps: nobody plays twice at once."""
    spans = sorted((start, end or now) for start, end in intervals if (end or now) > start)
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def played(
    start: datetime, end: datetime | None, pauses: Iterable[Interval]
) -> tuple[Interval, ...]:
    """The stretches of a session from `start` to `end` (None: still running) outside its pauses.

    A pause still open (end None) lasts to the session's end: nothing is played after it began.
    Only a session running now ends with an open stretch (end None).
    """
    cursor: datetime | None = start
    stretches: list[Interval] = []
    for pause_start, pause_end in sorted(pauses, key=lambda pause: pause[0]):
        if end is not None and pause_start >= end:
            break
        if pause_start > cursor:
            stretches.append((cursor, pause_start))
        if pause_end is None:
            return tuple(stretches)
        cursor = max(cursor, pause_end)
    if end is None:
        stretches.append((cursor, None))
    elif cursor < end:
        stretches.append((cursor, end))
    return tuple(stretches)


def day_start(day: date, tz) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def _played_on_day(intervals: Iterable[Interval], day: date, now: datetime, tz) -> timedelta:
    low, high = day_start(day, tz), day_start(day + timedelta(days=1), tz)
    total = timedelta()
    for start, end in _merged(intervals, now):
        if end > low and start < high:
            total += min(end, high) - max(start, low)
    return total


def seconds_on_day(intervals: Iterable[Interval], day: date, now: datetime, tz) -> int:
    return int(_played_on_day(intervals, day, now, tz).total_seconds())


def limit_reached_at(
    intervals: Iterable[Interval], now: datetime, limit_seconds: int, tz
) -> datetime:
    """When play on the local day reaches the limit if the running session goes on.

    Without a running interval: the moment the limit would be reached if play started now.
    Play after midnight counts for the new day, from zero.
    """
    intervals = list(intervals)
    today = now.astimezone(tz).date()
    remaining = timedelta(seconds=limit_seconds) - _played_on_day(intervals, today, now, tz)
    if remaining <= timedelta():
        return now
    candidate = now + remaining
    midnight = day_start(today + timedelta(days=1), tz)
    running = any(end is None for _start, end in intervals)
    if candidate < midnight or not running:
        return candidate
    return midnight + timedelta(seconds=limit_seconds)


def health_warning_index(seconds_today: int, every_seconds: int) -> int:
    """How many warning boundaries (every 30 minutes by default) today's play has crossed."""
    return seconds_today // every_seconds if every_seconds > 0 else 0
