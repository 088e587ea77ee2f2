"""A minor's time paused by the cashier is not play: the daily limit counts without it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netpoint.provider.monitoring import rules

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = datetime(2026, 3, 10, tzinfo=VIETNAM)
BORN = {1: date(2012, 1, 1)}
LIMIT = 180 * 60


def test_a_minor_paused_for_an_hour_of_a_four_hour_session_is_not_over_the_limit():
    start = DAY + timedelta(hours=9)
    pause = (start + timedelta(hours=1), start + timedelta(hours=2))
    session = rules.SessionFact(1, 1, "M01", 1, start, start + timedelta(hours=4), (pause,))
    assert (
        rules.minors_over_limit([session], BORN, DAY + timedelta(days=1), VIETNAM, 18, LIMIT) == []
    )


def test_a_minor_still_paused_plays_nothing_more():
    start = DAY + timedelta(hours=9)
    pause = (start + timedelta(hours=2), None)
    session = rules.SessionFact(1, 1, "M01", 1, start, None, (pause,))
    now = start + timedelta(hours=6)
    assert rules.minors_over_limit([session], BORN, now, VIETNAM, 18, LIMIT) == []


def test_a_minors_played_time_past_the_limit_is_still_found_around_a_pause():
    start = DAY + timedelta(hours=9)
    pause = (start + timedelta(hours=1), start + timedelta(hours=2))
    session = rules.SessionFact(1, 1, "M01", 1, start, start + timedelta(hours=5), (pause,))
    [found] = rules.minors_over_limit([session], BORN, DAY + timedelta(days=1), VIETNAM, 18, LIMIT)
    assert found.evidence["minutes_played"] == 240


@pytest.mark.django_db
def test_the_violations_job_counts_a_minors_play_without_the_pauses_the_point_sent(
    clock, provider_point, customer, session
):
    from netpoint.provider.monitoring import services
    from netpoint.provider.monitoring.models import Violation

    point = provider_point()
    minor = customer(point, 1, clock.now() - timedelta(days=3), born=date(2010, 1, 1))
    clock.advance(timedelta(hours=9))  # 19:00 local
    start = clock.now() - timedelta(hours=10)  # 09:00 local
    record = session(point, minor, 1, start, minutes=240)  # 09:00-13:00, an hour of it paused
    paused, resumed = start + timedelta(hours=1), start + timedelta(hours=2)
    record.pauses = [[paused.isoformat(), resumed.isoformat()]]
    record.save()
    services.find_violations()
    assert not Violation.objects.filter(kind="minor_limit").exists()
