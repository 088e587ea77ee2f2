"""The law's numbers from settings, turned into the arguments the pure policies take."""

from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings

from netpoint.common.core.conf import conf
from netpoint.common.policies.hours import OpeningHours, hours_for
from netpoint.common.policies.session import Limits


@cache
def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def limits() -> Limits:
    policy = conf()
    return Limits(
        adult_age=policy.adult_age,
        guardian_age=policy.guardian_age,
        minor_daily_seconds=policy.minor_daily_minutes * 60,
        warning_every_seconds=policy.minor_warning_every_minutes * 60,
        closing_warning_seconds=tuple(m * 60 for m in policy.closing_warning_minutes),
        low_balance_warning_seconds=policy.low_balance_warning_minutes * 60,
    )


def opening_hours(point_type: str, province_code: str) -> OpeningHours | None:
    return hours_for(point_type, province_code, conf().opening_hours)
