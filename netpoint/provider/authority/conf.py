"""Searches and exports under a written request: NETPOINT_AUTHORITY overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class AuthoritySettings:
    # An export naming more people than this needs a second approving officer.
    second_approval_over_persons: int = 50
    # Attribution looks this far back for a session still running at the moment asked about
    # (also NAT bindings, netpoint.provider.modules.nat).
    longest_session_hours: int = 72


conf = AppSettings(AuthoritySettings, "NETPOINT_AUTHORITY")
