"""When reports are due: a pure function of the schedule (a setting) and the year."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Due:
    kind: str
    due_on: date
    period_from: date
    period_to: date


def periodic(kind: str, schedule: list[dict], year: int) -> list[Due]:
    """Each entry: due month/day and the months the report covers back from the due month
    (`covers_months`, ending with the last day before the period's end month `ends_month`)."""
    found = []
    for entry in schedule:
        due_on = date(year, entry["month"], entry["day"])
        end_year = year if entry["ends_month"] <= entry["month"] else year - 1
        period_end = date(end_year, entry["ends_month"], 1) - timedelta(days=1)
        start_month = period_end.month - entry["covers_months"] + 1
        start_year = period_end.year
        while start_month < 1:
            start_month += 12
            start_year -= 1
        found.append(Due(kind, due_on, date(start_year, start_month, 1), period_end))
    return found


def after_release(released_on: list[date], within_days: int) -> list[Due]:
    """A software-change report is due some days after each release."""
    return [
        Due("software_changes", day + timedelta(days=within_days), day, day) for day in released_on
    ]


def reminders_due(due: Due, today: date, days_before: list[int]) -> list[int]:
    """Which of the reminder offsets have come by today (each sent once by the job)."""
    return [days for days in days_before if today >= due.due_on - timedelta(days=days)]


def status(due: Due, done: bool, today: date) -> str:
    """A report in the calendar: done, overdue (its date has passed) or upcoming."""
    if done:
        return "done"
    return "overdue" if due.due_on < today else "upcoming"
