import random
from datetime import date, timedelta

import pytest
from django.db import transaction

from netpoint.common.events.schema import problems
from netpoint.common.identity.fake import fake_person
from netpoint.point.customers import services as customers
from netpoint.point.outbox import services as outbox
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services as stations

pytestmark = pytest.mark.django_db


def kinds():
    return list(OutboxEvent.objects.order_by("seq").values_list("kind", flat=True))


def test_every_record_brings_its_event_with_gapless_sequence(clock, cafe, cashier):
    import random

    person = fake_person(random.Random(4), date_of_birth=date(1990, 2, 2))
    customer = customers.register_customer(
        {
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth,
            "gender": person.gender,
            "id_type": "cccd",
            "id_number": person.cccd,
            "address": person.address,
            "phone": person.phone,
        },
        cashier,
    )
    stations.pair(stations.new_pairing_code(cafe["m1"]))
    session = sessions.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
    clock.advance(timedelta(minutes=10))
    sessions.check_out(session, cashier)
    assert kinds() == [
        "person.registered",
        "station.registered",
        "session.started",
        "session.ended",
    ]
    events = list(OutboxEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3, 4]
    sent = [outbox.opened(e.envelope) for e in events]
    assert all(problems(envelope) == [] for envelope in sent)
    assert sent[0]["data"]["id_number"] == person.cccd
    ended_at = (session.started_at + timedelta(minutes=10)).isoformat()
    assert events[3].envelope["data"] == {
        "session": session.pk,
        "started_at": session.started_at.isoformat(),
        "ended_at": ended_at,
        "end_reason": "check_out",
        "charge": 1000,
    }


def test_a_refused_check_in_leaves_no_event(clock, cafe, make_customer):
    child = make_customer(date_of_birth=date(2015, 1, 1))
    with pytest.raises(sessions.CheckInRefused):
        sessions.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert kinds() == []


def test_an_event_is_undone_with_its_transaction(clock, cafe, make_customer):
    with pytest.raises(RuntimeError), transaction.atomic():
        sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
        raise RuntimeError("the power went out before the commit")
    assert kinds() == []
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert list(OutboxEvent.objects.values_list("seq", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_events_outside_a_transaction_are_refused(clock):
    with pytest.raises(RuntimeError, match="transaction"):
        outbox.emit("station.registered", {"station": 1, "name": "M01"})


def test_an_ended_session_by_the_runner_is_an_event_too(clock, cafe, make_member):
    account = make_member(balance=100)
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=5))
    sessions.enforce()
    assert kinds()[-1] == "session.ended"
    assert outbox.queued().count() == 2


def test_a_customer_back_after_a_week_is_sent_again_before_the_session(clock, cafe, cashier):
    from datetime import UTC, datetime

    customer = customers.register_customer(
        {
            "full_name": "Khách Quay Lại",
            "date_of_birth": date(1990, 2, 2),
            "gender": "male",
            "id_type": "cccd",
            "id_number": fake_person(random.Random(8), date(1990, 2, 2)).cccd,
            "address": "Hà Nội",
            "phone": "",
        },
        cashier,
    )
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    clock.set(datetime.now(UTC) + timedelta(days=8))  # registered (real time) 8 days ago
    first = sessions.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
    sessions.check_out(first, cashier)
    sessions.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
    assert kinds() == [
        "person.registered",
        "person.updated",
        "session.started",
        "session.ended",
        "session.started",
    ]
