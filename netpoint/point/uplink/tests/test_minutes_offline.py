"""Where the provider's policy counts a minor's minutes across points and the provider cannot
be reached: the point enforces what it knows and marks the session for monitoring."""

from datetime import date, timedelta

import pytest

from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.point.uplink.models import ElsewhereMinutes
from netpoint.point.uplink.tests.held import enrolled, policy_for, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable(clock):
    """A point whose provider counts minutes across points, and is now out of reach."""
    link = enrolled("HN-0002", provider_url="http://127.0.0.1:9")  # discard port: nobody listens
    assert take(link, policy_for("HN-0002", minors_across_points=True)).taken
    return link


@pytest.fixture
def child(make_customer):
    return make_customer(date_of_birth=date(2010, 6, 1), guardian=make_customer())


def test_offline_a_minors_session_is_marked_unconfirmed(unreachable, cafe, child, clock):
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert session.minutes_unconfirmed
    assert sessions.endings(clock.now())[session.pk].at == clock.now() + timedelta(minutes=180)


def test_offline_the_mark_is_sent_to_the_provider(unreachable, cafe, child):
    sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert OutboxEvent.objects.filter(kind="session.minutes_unconfirmed").count() == 1


def test_offline_the_last_answer_of_the_day_still_counts(unreachable, cafe, child, clock):
    ElsewhereMinutes.objects.create(
        customer_id=child.pk, day=date(2026, 3, 10), seconds=150 * 60, asked_at=clock.now()
    )
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    ending = sessions.endings(clock.now())[session.pk]
    assert (ending.at, ending.reason) == (clock.now() + timedelta(minutes=30), "minor_limit")


def test_an_adults_session_is_not_marked(unreachable, cafe, make_customer):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert not session.minutes_unconfirmed


def test_a_minors_daily_minutes_are_the_providers_once_its_policy_is_held(cafe, child, clock):
    link = enrolled("HN-0003", provider_url="http://127.0.0.1:9")
    assert take(link, policy_for("HN-0003", minor_daily_minutes=120)).taken
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    ending = sessions.endings(clock.now())[session.pk]
    assert (ending.at, ending.reason) == (clock.now() + timedelta(minutes=120), "minor_limit")
    clock.advance(timedelta(minutes=121))
    sessions.enforce()
    with pytest.raises(sessions.CheckInRefused) as refused:
        sessions.check_in(station=cafe["m2"], customer=child, kind="walk_in")
    assert "120 phút" in refused.value.reasons[0]


def test_without_the_policy_a_minors_minutes_are_not_asked(cafe, child, clock):
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert not session.minutes_unconfirmed
