"""Whether a point's licence is in force: a pure function of its expiry date and today."""

from dataclasses import dataclass
from datetime import date

STATES = ("expired", "expiring", "ok", "none")


@dataclass(frozen=True)
class LicenceState:
    code: str  # one of STATES
    days_left: int | None = None


def licence_state(expires_on: date | None, today: date, warning_days: int) -> LicenceState:
    if expires_on is None:
        return LicenceState("none")
    days_left = (expires_on - today).days
    if days_left < 0:
        return LicenceState("expired", days_left)
    if days_left <= warning_days:
        return LicenceState("expiring", days_left)
    return LicenceState("ok", days_left)
