"""A session's moves reach the provider: who used a station at a moment depends on them."""

from datetime import datetime, timedelta

import pytest

from netpoint.provider.records.models import ReceivedEvent, SessionRecord
from netpoint.provider.records.tests.conftest import AT, PointEvents, signed_post

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


def post(client, hanoi, events):
    point, key, _ = hanoi
    return signed_post(client, point.code, key, events)[0]


def moved(events, started: dict, *moves: tuple[str, int]) -> dict:
    """The point's session.moved: the session's first station, then each (station, minutes
    after the start) it was moved to."""
    data = started["data"]
    start = datetime.fromisoformat(data["started_at"])
    stations = [[data["station"], data["started_at"]]] + [
        [station, (start + timedelta(minutes=minutes)).isoformat()] for station, minutes in moves
    ]
    return events.event(
        "session.moved",
        {"session": data["session"], "started_at": data["started_at"], "stations": stations},
    )


def test_a_sessions_moves_are_stored_and_its_station_is_the_last(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    move = moved(events, started, ("M03", 20))
    answer = post(client, hanoi, [events.person(1), started, move])
    assert answer.status_code == 200, answer.json()
    record = SessionRecord.objects.get()
    assert record.stations == move["data"]["stations"]
    assert record.station == "M03"


def test_a_later_move_replaces_the_list_and_a_late_earlier_one_changes_nothing(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    first = moved(events, started, ("M03", 20))
    second = moved(events, started, ("M03", 20), ("M05", 50))
    assert post(client, hanoi, [events.person(1), started, second]).status_code == 200
    # The first move's event arrives late (a resend): the whole, longer list stands.
    assert post(client, hanoi, [first]).status_code == 200
    record = SessionRecord.objects.get()
    assert record.stations == second["data"]["stations"]
    assert record.station == "M05"


def test_moves_of_an_unknown_session_refuse_the_batch(client, hanoi):
    events = hanoi[2]
    never_sent = events.started(5, 1)
    answer = post(client, hanoi, [events.person(1), moved(events, never_sent, ("M03", 5))])
    assert answer.status_code == 422
    assert not ReceivedEvent.objects.exists()


def test_a_point_cannot_move_another_points_session(client, hanoi, enroll_point):
    events = hanoi[2]
    started = events.started(1, 1)
    assert post(client, hanoi, [events.person(1), started]).status_code == 200
    point, key = enroll_point("HCM-0001")
    there = PointEvents(point.code, AT)
    claim = moved(there, started, ("M09", 5))  # the Hà Nội point's session, by its local id
    answer = signed_post(client, point.code, key, [claim])[0]
    assert answer.status_code == 422
    record = SessionRecord.objects.get()
    assert (record.station, record.stations) == ("M01", None)
