"""Where the provider's policy counts a minor's minutes across points and the provider cannot
be reached: the point enforces what it knows and marks the session for monitoring."""

import base64
from datetime import date, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.common.events import signing
from netpoint.common.events.policy import raw_public_key, signed_document
from netpoint.common.policies.provided import PointPolicy
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.point.uplink import policy
from netpoint.point.uplink.models import ElsewhereMinutes, ProviderLink

pytestmark = pytest.mark.django_db
KEY = Ed25519PrivateKey.generate()
ACROSS = PointPolicy(
    point="HN-0002",
    version=1_770_000_000_000,
    point_type="game",
    province_code=1,
    ward_code=4,
    opening_hours=("08:00", "22:00"),
    hours_source="national",
    minors_across_points=True,
    minor_daily_minutes=180,
)


@pytest.fixture
def unreachable(clock):
    """A point whose provider counts minutes across points, and is now out of reach."""
    link = ProviderLink.objects.create(
        provider_url="http://127.0.0.1:9",  # discard port: nobody listens
        point_code="HN-0002",
        private_key=signing.new_private_key(),
        provider_key=base64.b64encode(raw_public_key(KEY)).decode(),
        enrolled_at=clock.now(),
    )
    assert policy.take(link, signed_document(KEY, ACROSS)).taken
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


def test_without_the_policy_a_minors_minutes_are_not_asked(cafe, child, clock):
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert not session.minutes_unconfirmed
