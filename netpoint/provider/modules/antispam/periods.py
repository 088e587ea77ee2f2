"""The half-year reporting periods of Thông tư 09/2011 and their due dates: pure date arithmetic."""

from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The first of the month `months` away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_for(due: date, months: int) -> tuple[date, date]:
    """The whole months before the due date's month: due 15/05/2026 covers 01/11/2025 to
    30/04/2026. Both ends are included."""
    end = add_months(due, 0) - timedelta(days=1)
    return add_months(due, -months), end


def previous(start: date, months: int) -> tuple[date, date]:
    return add_months(start, -months), start - timedelta(days=1)


def dues_between(first: date, last: date, dues: list[tuple[int, int]]) -> list[date]:
    """Every due date from `first` to `last`, in order."""
    found = []
    for year in range(first.year, last.year + 1):
        for month, day in dues:
            due = date(year, month, day)
            if first <= due <= last:
                found.append(due)
    return sorted(found)


def change(current: int, before: int) -> str:
    """The forms' Tăng/giảm: percent against the previous period, signed; "—" when the previous
    period had none (no basis to compare)."""
    if before == 0:
        return "0%" if current == 0 else "—"
    percent = (current - before) * 100 / before
    text = f"{percent:+.1f}".replace(".", ",")
    return ("0" if text in ("+0,0", "-0,0") else text) + "%"


def period_of(day: date, dues: list[tuple[int, int]], months: int) -> tuple[date, date]:
    """The reporting period that holds `day`: the one ending before the first due date after
    it (01/11/2025 and 30/04/2026 are both in the period due 15/05/2026)."""
    for due in dues_between(day, date(day.year + 2, 12, 31), dues):
        start, end = period_for(due, months)
        if start <= day <= end:
            return start, end
    raise ValueError(f"no reporting period holds {day}")


def split(
    start: date, end: date, dues: list[tuple[int, int]], months: int
) -> list[tuple[date, date]] | None:
    """The reporting periods that make up `start`..`end` exactly (a year is two half-years),
    or None when the range does not begin and end on their bounds (an ad-hoc range)."""
    parts, day = [], start
    while day <= end:
        first, last = period_of(day, dues, months)
        if first != day or last > end:
            return None
        parts.append((first, last))
        day = last + timedelta(days=1)
    return parts or None
