"""While a minor plays, the point asks the provider again every few minutes: play at another
point in the meantime brings the end here forward. The provider runs on a live server (its
HTTP API; PostgreSQL only: the provider role stores with COPY)."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection

from netpoint.common.identity.fake import fake_person
from netpoint.point.sessions import services as sessions
from netpoint.point.uplink import minutes, services
from netpoint.point.uplink.tests.test_sender import register
from netpoint.provider.records.models import SessionRecord
from netpoint.provider.registry import services as registry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
    ),
]
BORN = date(2010, 6, 1)


def test_play_elsewhere_meanwhile_brings_the_end_forward_at_the_next_refresh(
    live_server, settings, clock, cafe, cashier, provider_point, seen_at_point
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    here = provider_point("HN-0002", minors_across_points=True)
    there = provider_point("HN-0003", minors_across_points=True)
    # 08:00-09:00 this morning at the other point; the child comes here at 10:00.
    who = fake_person(random.Random(15), date_of_birth=BORN)
    person = seen_at_point(who, there, "M01", clock.now() - timedelta(hours=2))
    services.enroll(live_server.url, registry.issue_enrollment_code(here))
    mother = register(cashier, 1975, date(1985, 3, 3))
    child = register(cashier, 15, BORN, guardian=mother, guardian_relation="Mẹ")
    services.drain(services.link())  # the policy comes back with the answer
    session = sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert sessions.endings(clock.now())[session.pk].at == clock.now() + timedelta(minutes=120)
    # Meanwhile a session of 30 minutes at the other point reaches the provider (as if the
    # child had been there: what the provider holds is what counts).
    SessionRecord.objects.create(
        point=there,
        local_id=2,
        person=person,
        station="M02",
        kind="walk_in",
        started_at=clock.now() - timedelta(minutes=60),  # 09:00-09:30
        ended_at=clock.now() - timedelta(minutes=30),
    )
    assert minutes.refresh() == 0  # asked at check-in: not yet due again
    clock.advance(timedelta(minutes=4))
    assert minutes.refresh() == 1
    assert sessions.endings(clock.now())[session.pk].at == session.started_at + timedelta(
        minutes=90
    )
