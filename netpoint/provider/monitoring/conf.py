"""Monitoring's numbers, each overridable in settings.NETPOINT_MONITORING."""

from django.conf import settings

DEFAULTS = {
    # A point whose last heartbeat is older than this is shown offline.
    "online_within_minutes": 10,
    # A point silent this long while its last heartbeat said stations were in use is flagged.
    "silent_after_minutes": 15,
    # How far back the violations job looks at sessions and heartbeats each run.
    "lookback_hours": 48,
    # Documents a customer may be registered with (REQUIREMENTS A.3).
    "accepted_id_types": ["cccd", "cmnd", "passport", "driving_licence", "student_card"],
}


def get(name: str):
    return getattr(settings, "NETPOINT_MONITORING", {}).get(name, DEFAULTS[name])
