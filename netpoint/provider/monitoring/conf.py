"""Monitoring's numbers: NETPOINT_MONITORING overrides any of them. The law's numbers it checks
points against (minors' minutes, opening hours) are NETPOINT_POLICY's, in
netpoint.common.core.conf; the licence warning is NETPOINT_PROVIDER's."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class MonitoringSettings:
    # A point whose last heartbeat is older than this is shown offline.
    online_within_minutes: int = 10
    # The province dashboard reads its figures again this often, without reloading the page.
    dashboard_refresh_seconds: int = 30
    # A point silent this long while its last heartbeat said stations were in use is flagged.
    silent_after_minutes: int = 15
    # Lines from an address no session held (a station's lock bypassed): a pause longer than
    # this ends one finding, and a finding needs at least this many lines. A locked Windows PC
    # still asks the gateway's DNS now and then; a few lines are not yet someone browsing.
    no_session_gap_minutes: int = 30
    no_session_min_lines: int = 20
    # How far back the violations job looks at sessions and heartbeats each run.
    lookback_hours: int = 48
    # A violation notice the mail server did not take is tried again after this, doubled
    # after each failed try up to the longest wait.
    mail_retry_minutes: int = 5
    mail_retry_max_minutes: int = 360
    # Documents a customer may be registered with (REQUIREMENTS A.3).
    accepted_id_types: tuple[str, ...] = (
        "cccd",
        "cmnd",
        "passport",
        "driving_licence",
        "student_card",
    )


conf = AppSettings(MonitoringSettings, "NETPOINT_MONITORING")
