"""Whether a point's licence is in force: a pure function of its expiry date and today."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, ngettext

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


def licence_wording(state: LicenceState) -> str:
    """The state in plain words, the two kinds told apart: an expired licence (a breach) and
    one about to expire (still in force)."""
    days = state.days_left
    if state.code == "expired":
        return ngettext(
            "Giấy phép đã hết hạn (quá %(days)s ngày)",
            "Giấy phép đã hết hạn (quá %(days)s ngày)",
            -days,
        ) % {"days": -days}
    if state.code == "expiring":
        if days == 0:
            return gettext("Giấy phép sắp hết hạn (hết hạn cuối ngày hôm nay)")
        return ngettext(
            "Giấy phép sắp hết hạn (còn %(days)s ngày)",
            "Giấy phép sắp hết hạn (còn %(days)s ngày)",
            days,
        ) % {"days": days}
    if state.code == "ok":
        return gettext("Giấy phép còn hạn")
    return gettext("Chưa nhập hạn giấy phép")
