"""Monitoring judges a point by the hours of the policy it was sent: a province's stricter
rule closes its game points earlier, and a session past that closing is a violation."""

from datetime import time, timedelta

import pytest

from netpoint.provider.monitoring import services
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.registry.models import ProvinceRule

pytestmark = pytest.mark.django_db


def test_a_session_past_the_provinces_earlier_closing_is_flagged(
    clock, provider_point, customer, session
):
    ProvinceRule.objects.create(province_code=1, point_type="game", opens=time(9), closes=time(21))
    point = provider_point()
    adult = customer(point, 1, clock.now() - timedelta(days=1))
    # 20:30 to 21:30 the evening before: inside the national 22:00, 30 minutes past Hà Nội's 21:00.
    session(point, adult, 1, clock.now() - timedelta(hours=13, minutes=30), minutes=60)
    services.find_violations()
    [violation] = Violation.objects.filter(kind="after_hours")
    assert (violation.evidence["closes"], violation.evidence["minutes_outside"]) == ("21:00", 30)
