"""The owner's dashboard as pure functions of what happened (no database, the zone passed in):
revenue by day and by zone from the settled sessions' charges, cash by shift and top-ups from
the ledger, and how full the café was hour by hour."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo


@dataclass(frozen=True)
class Charge:
    """A session's charge, earned when the session was settled (a member's balance or a
    walk-in's cash: each counted once, whatever the ledger kinds that moved the money)."""

    settled_at: datetime
    zone: str
    amount: int


@dataclass(frozen=True)
class Cash:
    """A ledger entry: its cash into (+) or out of (-) the drawer, and what it topped up a
    member's balance by (however it was paid: cash or a transfer)."""

    at: datetime
    shift: str
    amount: int
    top_up: int = 0


@dataclass(frozen=True)
class Used:
    """A stretch a station was in use (an open session ends at `now`)."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class Row:
    label: str
    amount: int


@dataclass(frozen=True)
class Bar:
    label: str
    amount: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Dashboard:
    first: date
    last: date
    by_day: tuple[Row, ...]
    by_zone: tuple[Row, ...]
    by_shift: tuple[Row, ...]
    top_ups: tuple[Row, ...]
    occupancy: tuple[Row, ...]  # percent of the stations in use, each hour of the day
    revenue: int
    top_up_total: int


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _by_day(first: date, last: date, items, tz: tzinfo) -> tuple[Row, ...]:
    totals = dict.fromkeys(days(first, last), 0)
    for at, amount in items:
        day = at.astimezone(tz).date()
        if day in totals:
            totals[day] += amount
    return tuple(Row(day.strftime("%d/%m"), amount) for day, amount in totals.items())


def occupancy(used: list[Used], first: date, last: date, stations: int, tz: tzinfo):
    """The share of the stations in use in each hour of the day over the days, in percent."""
    minutes = [0.0] * 24
    start = datetime.combine(first, datetime.min.time(), tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tz)
    for stretch in used:
        at, until = max(stretch.start, start), min(stretch.end, end)
        while at < until:
            local = at.astimezone(tz)
            hour_end = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            step_end = min(until, hour_end)
            minutes[local.hour] += (step_end - at).total_seconds() / 60
            at = step_end
    capacity = 60 * stations * len(days(first, last))
    return tuple(
        Row(f"{hour:02d}h", round(100 * used / capacity) if capacity else 0)
        for hour, used in enumerate(minutes)
    )


def dashboard(
    first: date,
    last: date,
    charges: list[Charge],
    cash: list[Cash],
    used: list[Used],
    stations: int,
    tz: tzinfo,
) -> Dashboard:
    zones: dict[str, int] = {}
    shifts: dict[str, int] = {}
    for charge in charges:
        zones[charge.zone] = zones.get(charge.zone, 0) + charge.amount
    for entry in cash:
        if entry.amount:
            shifts[entry.shift] = shifts.get(entry.shift, 0) + entry.amount
    top_ups = [(entry.at, entry.top_up) for entry in cash if entry.top_up]
    return Dashboard(
        first=first,
        last=last,
        by_day=_by_day(first, last, [(c.settled_at, c.amount) for c in charges], tz),
        by_zone=tuple(Row(zone, amount) for zone, amount in sorted(zones.items())),
        by_shift=tuple(Row(shift, amount) for shift, amount in shifts.items()),
        top_ups=_by_day(first, last, top_ups, tz),
        occupancy=occupancy(used, first, last, stations, tz),
        revenue=sum(charge.amount for charge in charges),
        top_up_total=sum(amount for _at, amount in top_ups),
    )


# The charts' drawing area, in the SVG's own units.
CHART_HEIGHT = 120
BAR_WIDTH = 28
BAR_GAP = 8


def bars(rows: tuple[Row, ...]) -> tuple[Bar, ...]:
    """Rows as the bars of an inline SVG chart, scaled to the largest."""
    top = max((row.amount for row in rows), default=0) or 1
    drawn = []
    for n, row in enumerate(rows):
        height = round(CHART_HEIGHT * max(row.amount, 0) / top)
        x = n * (BAR_WIDTH + BAR_GAP)
        drawn.append(Bar(row.label, row.amount, x, CHART_HEIGHT - height, height))
    return tuple(drawn)


def chart_width(rows: tuple[Row, ...]) -> int:
    return max(len(rows), 1) * (BAR_WIDTH + BAR_GAP)
