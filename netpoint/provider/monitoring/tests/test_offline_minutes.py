"""Sessions a point began offline, where the policy counts a minor's minutes across points:
the point could not ask the provider, so monitoring checks the day across points afterwards."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from netpoint.provider.monitoring import rules

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = datetime(2026, 3, 10, tzinfo=VIETNAM)
BORN = {1: date(2010, 6, 1)}  # 15 years old
LIMIT = 180 * 60


def test_a_minor_over_the_limit_through_an_offline_session_is_flagged_with_it():
    morning = rules.SessionFact(1, 1, "M01", 1, DAY + timedelta(hours=9), DAY + timedelta(hours=11))
    offline = rules.SessionFact(
        2,
        7,
        "M03",
        1,
        DAY + timedelta(hours=14),
        DAY + timedelta(hours=16),
        minutes_unconfirmed=True,
    )
    [found] = rules.minors_over_limit(
        [morning, offline], BORN, DAY + timedelta(days=1), VIETNAM, 18, LIMIT
    )
    assert found.point_id == 2 and found.evidence["minutes_played"] == 240
    assert found.evidence["unconfirmed_sessions"] == 1


def test_an_offline_session_within_the_limit_is_not_flagged():
    offline = rules.SessionFact(
        2,
        7,
        "M03",
        1,
        DAY + timedelta(hours=14),
        DAY + timedelta(hours=16),
        minutes_unconfirmed=True,
    )
    assert (
        rules.minors_over_limit([offline], BORN, DAY + timedelta(days=1), VIETNAM, 18, LIMIT) == []
    )
