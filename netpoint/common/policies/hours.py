"""Opening hours: when a point may serve customers, by point type and province."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta


@dataclass(frozen=True)
class OpeningHours:
    """Local times; when `closes` is earlier than `opens` the point is open across midnight."""

    opens: time
    closes: time


def _parse(value: str) -> time:
    try:
        hour, minute = value.split(":")
        return time(int(hour), int(minute))
    except (ValueError, AttributeError) as err:
        raise ValueError(f"opening hours must be 'HH:MM', not {value!r}") from err


def hours_for(
    point_type: str,
    province_code: str,
    table: Mapping[str, Mapping[str, tuple[str, str] | None]],
) -> OpeningHours | None:
    """The province's rule for this point type, else the national one; None = always open."""
    by_province = table.get(point_type) or {}
    value = by_province.get(province_code, by_province.get("*"))
    if value is None:
        return None
    opens, closes = (_parse(v) for v in value)
    return None if opens == closes else OpeningHours(opens, closes)


def _open_at(hours: OpeningHours, local_time: time) -> bool:
    if hours.opens < hours.closes:
        return hours.opens <= local_time < hours.closes
    return local_time >= hours.opens or local_time < hours.closes


def is_open(hours: OpeningHours | None, at: datetime, tz) -> bool:
    return hours is None or _open_at(hours, at.astimezone(tz).time())


def _next_local(moment: time, at: datetime, tz) -> datetime:
    """The first instant after `at` whose local time of day is `moment`."""
    day = at.astimezone(tz).date() - timedelta(days=1)
    while True:
        candidate = datetime.combine(day, moment, tzinfo=tz)
        if candidate > at:
            return candidate.astimezone(UTC)
        day += timedelta(days=1)


def next_closing(hours: OpeningHours | None, at: datetime, tz) -> datetime | None:
    if hours is None:
        return None
    if not is_open(hours, at, tz):
        return at
    return _next_local(hours.closes, at, tz)


def next_opening(hours: OpeningHours | None, at: datetime, tz) -> datetime | None:
    if hours is None:
        return None
    if is_open(hours, at, tz):
        return at
    return _next_local(hours.opens, at, tz)
