"""A session's pauses reach the provider: time paused is not play."""

from datetime import timedelta

import pytest

from netpoint.provider.records.models import ReceivedEvent, SessionRecord
from netpoint.provider.records.tests.conftest import signed_post

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


def post(client, hanoi, events):
    point, key, _ = hanoi
    return signed_post(client, point.code, key, events)[0]


def pauses(events, started: dict, spans: list) -> dict:
    data = started["data"]
    return events.event(
        "session.pauses",
        {"session": data["session"], "started_at": data["started_at"], "pauses": spans},
    )


def test_a_sessions_pauses_are_stored_with_it(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    paused_at = events.at + timedelta(minutes=10)
    resumed_at = paused_at + timedelta(minutes=20)
    spans = [[paused_at.isoformat(), resumed_at.isoformat()]]
    answer = post(client, hanoi, [events.person(1), started, pauses(events, started, spans)])
    assert answer.status_code == 200, answer.json()
    assert SessionRecord.objects.get().pauses == spans


def test_a_later_batch_replaces_the_pauses_with_the_whole_list(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    paused_at = (events.at + timedelta(minutes=10)).isoformat()
    post(client, hanoi, [events.person(1), started, pauses(events, started, [[paused_at, None]])])
    resumed_at = (events.at + timedelta(minutes=30)).isoformat()
    answer = post(client, hanoi, [pauses(events, started, [[paused_at, resumed_at]])])
    assert answer.status_code == 200
    assert SessionRecord.objects.get().pauses == [[paused_at, resumed_at]]


def test_pauses_of_an_unknown_session_refuse_the_batch(client, hanoi):
    events = hanoi[2]
    never_sent = events.started(5, 1)
    answer = post(client, hanoi, [events.person(1), pauses(events, never_sent, [])])
    assert answer.status_code == 422
    assert not ReceivedEvent.objects.exists()
