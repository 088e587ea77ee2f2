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


def _rate_minutes(bands: Sequence[RateBand], first: datetime, count: int, tz) -> int:
    """The sum of the hourly rates of `count` billed minutes, the first starting at `first`."""
    total = 0
    for rate, minutes in _segments(bands, first, tz):
        if count <= 0:
            break
        taken = min(minutes, count)
        total += rate * taken
        count -= taken
    return total


def _ceil_minutes(span: timedelta) -> int:
    return -(-span // MINUTE)


def _played_rate_minutes(
    bands: Sequence[RateBand], played: Sequence[tuple[datetime, datetime]], tz
) -> tuple[int, timedelta]:
    """Rate-minutes of the played stretches and the time played. Minutes are counted on the
    played time, not the wall clock: a pause neither starts a minute nor cuts one short, so
    pausing costs nothing; each minute is priced at the wall-clock moment it starts."""
    total, offset = 0, timedelta()
    for start, end in played:
        if end <= start:
            continue
        first, last = _ceil_minutes(offset), _ceil_minutes(offset + (end - start))
        if last > first:
            total += _rate_minutes(bands, start + (first * MINUTE - offset), last - first, tz)
        offset += end - start
    return total, offset


def charge_played(
    bands: Sequence[RateBand], played: Sequence[tuple[datetime, datetime]], tz
) -> int:
    """What the played stretches of a session cost (its pauses left out)."""
    return -(-_played_rate_minutes(bands, played, tz)[0] // 60)


def charge(bands: Sequence[RateBand], start: datetime, end: datetime, tz) -> int:
    return charge_played(bands, ((start, end),), tz)


def paid_until_played(
    bands: Sequence[RateBand],
    played_before: Sequence[tuple[datetime, datetime]],
    resumed_at: datetime,
    balance: int,
    tz,
) -> datetime:
    """When the balance runs out if play goes on from `resumed_at`, after the stretches played
    before (a pause between them costs nothing): the latest moment whose charge it covers.

    Raises ValueError when every rate is zero: such time is free and never runs out.
    """
    _check(bands)
    if all(rate == 0 for _start, rate in bands):
        raise ValueError("free time has no end")
    used, offset = _played_rate_minutes(bands, played_before, tz)
    # charge(k) <= balance  <=>  sum of hourly rates <= 60 * balance
    budget = 60 * balance - used
    if balance < 0 or budget < 0:
        return resumed_at
    # The minute begun before the pause is paid; the next one starts this much after resuming.
    position = resumed_at + (_ceil_minutes(offset) * MINUTE - offset)
    for rate, minutes in _segments(bands, position, tz):
        if rate * minutes <= budget:
            budget -= rate * minutes
            position += minutes * MINUTE
        else:
            return position + (budget // rate) * MINUTE


def paid_until(bands: Sequence[RateBand], start: datetime, balance: int, tz) -> datetime:
    """The latest start + k minutes whose charge the balance covers.

    Raises ValueError when every rate is zero: such time is free and never runs out.
    """
    return paid_until_played(bands, (), start, balance, tz)
