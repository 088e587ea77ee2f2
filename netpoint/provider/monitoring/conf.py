"""Monitoring's numbers: NETPOINT_MONITORING overrides any of them. The law's numbers it checks
points against (minors' minutes, opening hours) are NETPOINT_POLICY's, in
netpoint.common.core.conf; the licence warning is NETPOINT_PROVIDER's."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class MonitoringSettings:
    # A point whose last heartbeat is older than this is shown offline.
    online_within_minutes: int = 10
    # A point silent this long while its last heartbeat said stations were in use is flagged.
    silent_after_minutes: int = 15
    # How far back the violations job looks at sessions and heartbeats each run.
    lookback_hours: int = 48
    # Documents a customer may be registered with (REQUIREMENTS A.3).
    accepted_id_types: tuple[str, ...] = (
        "cccd",
        "cmnd",
        "passport",
        "driving_licence",
        "student_card",
    )


conf = AppSettings(MonitoringSettings, "NETPOINT_MONITORING")
