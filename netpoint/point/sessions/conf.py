"""The point's sessions: NETPOINT_SESSIONS overrides any of these. The law's numbers that
sessions follow (minors' minutes, opening hours) are NETPOINT_POLICY's, in
netpoint.common.core.conf."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class SessionsSettings:
    # How often the policy runner looks at running sessions; the law's moments are met within
    # this many seconds.
    runner_interval_seconds: float = 1.0


conf = AppSettings(SessionsSettings, "NETPOINT_SESSIONS")
