"""Sign-in lockout: NETPOINT_LOGIN_LOCKOUT overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class LockoutSettings:
    # Failed logins for a username within `minutes` that block the client address they came
    # from (only that address: a stranger cannot lock the owner out) until the window passes.
    failures: int = 5
    # Distinct addresses failing for one username within `minutes` that mean guesses spread
    # over many machines: then only addresses the account signed in from within `known_days`
    # may still try (at most addresses × failures guesses a window).
    addresses: int = 10
    minutes: int = 15
    known_days: int = 90


conf = AppSettings(LockoutSettings, "NETPOINT_LOGIN_LOCKOUT")
