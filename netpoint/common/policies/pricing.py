"""Per-minute billing with hourly rates that change with the time of day. Money: whole VND."""

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

RateBand = tuple[time, int]  # from this local time on, this many VND an hour
MINUTE = timedelta(minutes=1)


def _check(bands: Sequence[RateBand]) -> None:
    if not bands:
        raise ValueError("a price list needs at least one rate")
    starts = [start for start, _rate in bands]
    if any(a >= b for a, b in zip(starts, starts[1:], strict=False)):
        raise ValueError("rates must be sorted by start time, each start once")
    if any(rate < 0 for _start, rate in bands):
        raise ValueError("rates cannot be negative")


def rate_at(bands: Sequence[RateBand], at: datetime, tz) -> int:
    _check(bands)
    local = at.astimezone(tz).time()
    current = bands[-1][1]  # before the first start, yesterday's last rate still applies
    for start, rate in bands:
        if start <= local:
            current = rate
    return current


def _next_change(bands: Sequence[RateBand], at: datetime, tz) -> datetime:
    day = at.astimezone(tz).date()
    for offset in (0, 1):
        for start, _rate in bands:
            candidate = datetime.combine(day + timedelta(days=offset), start, tzinfo=tz)
            if candidate > at:
                return candidate.astimezone(UTC)
    raise AssertionError("a band start always comes within two days")


def _segments(bands: Sequence[RateBand], start: datetime, tz):
    """(rate, minutes) runs of billed minutes from `start`; each minute priced at its start."""
    position = start
    while True:
        rate = rate_at(bands, position, tz)
        minutes = -(-(_next_change(bands, position, tz) - position) // MINUTE)
        yield rate, minutes
        position += minutes * MINUTE


def billed_minutes(start: datetime, end: datetime) -> int:
    """Every started minute counts."""
    return max(0, -(-(end - start) // MINUTE))


def charge(bands: Sequence[RateBand], start: datetime, end: datetime, tz) -> int:
    remaining = billed_minutes(start, end)
    rate_minutes = 0  # sum of the hourly rates of each billed minute
    for rate, minutes in _segments(bands, start, tz):
        if remaining <= 0:
            break
        taken = min(minutes, remaining)
        rate_minutes += rate * taken
        remaining -= taken
    return -(-rate_minutes // 60)


def paid_until(bands: Sequence[RateBand], start: datetime, balance: int, tz) -> datetime:
    """The latest start + k minutes whose charge the balance covers.

    Raises ValueError when every rate is zero: such time is free and never runs out.
    """
    _check(bands)
    if all(rate == 0 for _start, rate in bands):
        raise ValueError("free time has no end")
    if balance < 0:
        return start
    budget = 60 * balance  # charge(k) <= balance  <=>  sum of hourly rates <= 60 * balance
    position = start
    for rate, minutes in _segments(bands, start, tz):
        if rate * minutes <= budget:
            budget -= rate * minutes
            position += minutes * MINUTE
        else:
            return position + (budget // rate) * MINUTE
