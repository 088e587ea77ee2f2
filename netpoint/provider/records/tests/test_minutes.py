"""A minor's minutes today at the provider's other points, asked by a point that signs for
itself about a person it registered (by its own customer id, never an ID number)."""

import json
import random
from datetime import UTC, date, datetime, timedelta

import pytest

from netpoint.common.events import signing
from netpoint.common.identity.fake import fake_person
from netpoint.provider.records.models import PointPerson, ReceivedEvent, SessionRecord
from netpoint.provider.records.tests.conftest import signed_post

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
PATH = "/api/v1/minutes"
# 14:00 on 10/3/2026 in Hà Nội.
AT = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)


def ask(client, point, key, body):
    raw = json.dumps(body).encode()
    headers = signing.sign(key, point.code, "POST", PATH, raw)
    return client.post(PATH, data=raw, content_type="application/json", headers=headers)


@pytest.fixture
def two_points(enroll_point):
    """Two enrolled game points that count a minor's minutes across points."""
    here, here_key = enroll_point("HN-0002")
    there, _there_key = enroll_point("HN-0003")
    for point in (here, there):
        point.minors_across_points = True
        point.save()
    return here, here_key, there


@pytest.fixture
def child(two_points, seen_at_point):
    """A 15-year-old who played 09:00-10:00 at the other point, known to both points."""
    here, _key, there = two_points
    who = fake_person(random.Random(15), date_of_birth=date(2010, 6, 1))
    person = seen_at_point(who, there, "M01", AT - timedelta(hours=5))
    PointPerson.objects.create(point=here, local_id=42, person=person, registered_at=AT)
    return person


def test_minutes_at_the_other_points_today_are_counted(client, two_points, child):
    here, key, there = two_points
    SessionRecord.objects.create(
        point=there,
        local_id=2,
        person=child,
        station="M02",
        kind="walk_in",
        started_at=AT - timedelta(hours=3),
        ended_at=AT - timedelta(hours=2),
    )
    answer = ask(client, here, key, {"person": 42, "at": AT.isoformat()})
    assert answer.json() == {"known": True, "seconds": 2 * 3600, "day": "2026-03-10"}


def test_the_asking_points_own_sessions_are_not_counted_twice(client, two_points, child):
    here, key, _there = two_points
    SessionRecord.objects.create(
        point=here,
        local_id=9,
        person=child,
        station="M01",
        kind="walk_in",
        started_at=AT - timedelta(hours=2),
        ended_at=AT - timedelta(hours=1),
    )
    assert ask(client, here, key, {"person": 42, "at": AT.isoformat()}).json()["seconds"] == 3600


def test_yesterdays_minutes_do_not_count(client, two_points, child):
    here, key, _there = two_points
    tomorrow = AT + timedelta(days=1)
    assert ask(client, here, key, {"person": 42, "at": tomorrow.isoformat()}).json()["seconds"] == 0


def test_a_person_the_point_did_not_register_is_not_known(client, two_points, child):
    here, key, _there = two_points
    answer = ask(client, here, key, {"person": 7, "at": AT.isoformat()}).json()
    assert (answer["known"], answer["seconds"]) == (False, 0)


def test_a_point_whose_policy_counts_per_point_is_refused(client, two_points, child):
    here, key, _there = two_points
    here.minors_across_points = False
    here.save()
    answer = ask(client, here, key, {"person": 42, "at": AT.isoformat()})
    assert answer.status_code == 403
    assert "không tính phút chơi của trẻ em trên mọi điểm" in answer.json()["message"]


def test_an_unsigned_question_is_refused(client, two_points, child):
    body = json.dumps({"person": 42, "at": AT.isoformat()})
    answer = client.post(PATH, data=body, content_type="application/json")
    assert answer.status_code == 401


def test_a_question_without_a_time_zone_is_refused_in_words(client, two_points, child):
    here, key, _there = two_points
    answer = ask(client, here, key, {"person": 42, "at": "2026-03-10T14:00"})
    assert answer.status_code == 422
    assert "thời điểm có múi giờ" in answer.json()["message"]


def test_a_question_naming_more_than_the_customer_is_refused(client, two_points, child):
    here, key, _there = two_points
    body = {"person": 42, "at": "2026-03-10T14:00+07:00", "id_number": "a CCCD"}
    assert ask(client, here, key, body).status_code == 422


def unconfirmed(events, started: dict) -> dict:
    data = started["data"]
    return events.event(
        "session.minutes_unconfirmed",
        {"session": data["session"], "started_at": data["started_at"]},
    )


def test_a_session_the_point_could_not_confirm_is_marked(client, hanoi):
    point, key, events = hanoi
    started = events.started(1, 1)
    batch = [events.person(1), started, unconfirmed(events, started)]
    assert signed_post(client, point.code, key, batch)[0].status_code == 200
    assert SessionRecord.objects.get().minutes_unconfirmed


def test_marking_an_unknown_session_refuses_the_batch(client, hanoi):
    point, key, events = hanoi
    started = events.started(1, 1)
    answer = signed_post(client, point.code, key, [events.person(1), unconfirmed(events, started)])
    assert answer[0].status_code == 422
    assert not ReceivedEvent.objects.exists()
