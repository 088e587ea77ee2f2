"""Sign-in lockout: NETPOINT_LOGIN_LOCKOUT overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class LockoutSettings:
    # Failed logins within `minutes` that lock a username until the window passes: from one
    # client address, or from anywhere (guesses spread over many addresses).
    failures: int = 5
    failures_any_source: int = 50
    minutes: int = 15


conf = AppSettings(LockoutSettings, "NETPOINT_LOGIN_LOCKOUT")
