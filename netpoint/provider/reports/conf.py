"""The report calendar's defaults, each overridable in settings.NETPOINT_REPORTS."""

from django.conf import settings

DEFAULTS = {
    # The enterprise's periodic report (seed 000 §3b): twice a year, for the half-year before.
    "operation": [
        {"month": 1, "day": 15, "ends_month": 1, "covers_months": 6},
        {"month": 7, "day": 15, "ends_month": 7, "covers_months": 6},
    ],
    # Public Wi-Fi points (seed 003: before 15 November), the ten months to the end of October.
    "wifi": [{"month": 11, "day": 15, "ends_month": 11, "covers_months": 10}],
    # Software changes (seed 000 §3a): reported this many days after a release.
    "software_changes_within_days": 15,
    # Reminders go this many days before a due date (0: on the day), and after it if overdue.
    "remind_days_before": [14, 3, 0],
}


def get(name: str):
    return getattr(settings, "NETPOINT_REPORTS", {}).get(name, DEFAULTS[name])
