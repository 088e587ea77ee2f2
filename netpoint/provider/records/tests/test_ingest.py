import time
from datetime import timedelta

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.records.models import (
    Person,
    PointPerson,
    PointStream,
    ReceivedEvent,
    SequenceGap,
    SessionRecord,
    StationRecord,
)
from netpoint.provider.records.tests.conftest import AT, PointEvents, signed_post

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


def post(client, hanoi, events, **extra):
    point, key, _ = hanoi
    return signed_post(client, point.code, key, events, **extra)[0]


def test_a_batch_is_stored_and_acknowledged(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    batch = [
        events.event("station.registered", {"station": 1, "name": "M01", "mac": None}),
        events.person(1),
        started,
        events.ended(started, charge=7000),
    ]
    answer = post(client, hanoi, batch)
    assert answer.status_code == 200, answer.json()
    receipt = {name: value for name, value in answer.json().items() if name != "policy"}
    assert receipt == {
        "accepted": 4,
        "duplicates": 0,
        "contiguous_seq": 4,
        "highest_seq": 4,
        "gaps": [],
    }
    session = SessionRecord.objects.get()
    assert (session.station, session.charge, session.end_reason) == ("M01", 7000, "check_out")
    assert session.person == PointPerson.objects.get(local_id=1).person
    assert StationRecord.objects.get().name == "M01"
    assert ReceivedEvent.objects.count() == 4


def test_an_event_from_a_newer_point_with_a_field_unknown_here_is_stored(client, hanoi):
    # Unlike the JSON APIs' bodies: a refused batch would hold the point's whole uplink.
    events = hanoi[2]
    registered = events.event("station.registered", {"station": 1, "name": "M01", "mac": None})
    registered["data"]["seat_row"] = "B"
    answer = post(client, hanoi, [registered])
    assert answer.status_code == 200 and answer.json()["accepted"] == 1
    assert StationRecord.objects.get().name == "M01"


def test_id_and_phone_numbers_are_sealed_and_open_with_the_key(client, hanoi):
    somebody = fake_person(hanoi[2].rng)
    assert post(client, hanoi, [hanoi[2].person(1, somebody)]).status_code == 200
    person = Person.objects.get()
    assert somebody.cccd not in person.id_number_sealed
    assert somebody.phone[3:] not in person.phone_sealed
    assert unseal(person.id_number_sealed, "records_person.id_number", key_ring()) == somebody.cccd


def test_a_session_ended_in_a_later_batch_is_completed(client, hanoi):
    events = hanoi[2]
    started = events.started(1, 1)
    post(client, hanoi, [events.person(1), started])
    assert SessionRecord.objects.get().ended_at is None
    assert post(client, hanoi, [events.ended(started)]).status_code == 200
    assert SessionRecord.objects.get().charge == 6000


def test_a_resent_batch_is_acknowledged_without_storing_twice(client, hanoi):
    events = hanoi[2]
    batch = [events.person(1), events.started(1, 1)]
    post(client, hanoi, batch)
    again = post(client, hanoi, batch)
    assert again.status_code == 200
    assert (again.json()["accepted"], again.json()["duplicates"]) == (0, 2)
    assert SessionRecord.objects.count() == 1 and ReceivedEvent.objects.count() == 2


def test_a_batch_partly_sent_before_stores_only_the_new_events(client, hanoi):
    events = hanoi[2]
    first = [events.person(1)]
    post(client, hanoi, first)
    answer = post(client, hanoi, first + [events.started(1, 1)])
    assert (answer.json()["accepted"], answer.json()["duplicates"]) == (1, 1)


def test_a_skipped_sequence_number_is_a_gap_until_it_arrives(client, hanoi):
    events = hanoi[2]
    batch = [events.person(n) for n in range(1, 8)]
    post(client, hanoi, batch[:3])
    answer = post(client, hanoi, batch[5:])
    assert answer.json()["gaps"] == [[4, 5]]
    assert answer.json()["contiguous_seq"] == 3 and answer.json()["highest_seq"] == 7
    answer = post(client, hanoi, [batch[4]])
    assert answer.json()["gaps"] == [[4, 4]]
    answer = post(client, hanoi, [batch[3]])
    assert answer.json()["gaps"] == [] and answer.json()["contiguous_seq"] == 7
    assert not SequenceGap.objects.exists()
    assert PointStream.objects.get().received == 7


def test_a_sequence_number_reused_by_another_event_refuses_the_batch(client, hanoi):
    events = hanoi[2]
    post(client, hanoi, [events.person(1)])
    events.seq = 0
    answer = post(client, hanoi, [events.person(2)])
    assert answer.status_code == 409
    assert "sequence" in answer.json()["message"]
    assert PointPerson.objects.count() == 1


def test_one_bad_event_refuses_the_whole_batch(client, hanoi):
    events = hanoi[2]
    bad = events.person(2)
    bad["data"]["date_of_birth"] = "31/12/2001"
    answer = post(client, hanoi, [events.person(1), bad])
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"index": 1, "problems": ["data has bad date_of_birth"]}]
    assert not Person.objects.exists() and not ReceivedEvent.objects.exists()


def test_events_of_another_point_are_refused(client, hanoi, enroll_point):
    other = PointEvents("HCM-0001", AT)
    answer = post(client, hanoi, [other.person(1)])
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["problems"] == ["the event belongs to another point"]


def test_a_session_of_an_unknown_person_refuses_the_batch(client, hanoi):
    answer = post(client, hanoi, [hanoi[2].started(1, 99)])
    assert answer.status_code == 422
    assert not SessionRecord.objects.exists() and not ReceivedEvent.objects.exists()


def test_an_ending_of_an_unknown_session_refuses_the_batch(client, hanoi):
    events = hanoi[2]
    never_sent = events.started(5, 1)
    answer = post(client, hanoi, [events.person(1), events.ended(never_sent)])
    assert answer.status_code == 422
    assert not Person.objects.exists()


def test_one_person_at_two_points_is_one_person(client, hanoi, enroll_point):
    somebody = fake_person(hanoi[2].rng)
    post(client, hanoi, [hanoi[2].person(1, somebody)])
    point, key = enroll_point("HCM-0001")
    there = PointEvents(point.code, AT)
    answer = signed_post(client, point.code, key, [there.person(40, somebody)])[0]
    assert answer.status_code == 200
    person = Person.objects.get()
    assert sorted(person.registrations.values_list("local_id", flat=True)) == [1, 40]


def test_a_minor_is_linked_to_the_guardian(client, hanoi):
    events = hanoi[2]
    post(client, hanoi, [events.person(1), events.person(2, guardian=1)])
    child = PointPerson.objects.get(local_id=2)
    assert child.guardian == PointPerson.objects.get(local_id=1).person
    assert child.guardian_relation == "Mẹ"


def test_a_heartbeat_is_stored(client, hanoi):
    beat = hanoi[2].event(
        "point.heartbeat",
        {
            "software_version": "0.1.0",
            "software_hash": "ab" * 32,
            "stations_in_use": 3,
            "stations_total": 20,
        },
    )
    assert post(client, hanoi, [beat]).status_code == 200
    assert hanoi[0].heartbeat_set.get().stations_in_use == 3


def test_text_with_tabs_and_backslashes_is_stored_as_sent(client, hanoi):
    events = hanoi[2]
    odd = "M\t01\\n"
    started = events.started(1, 1, station=odd)
    somebody = events.person(1)
    somebody["data"]["address"] = "Số 1\tngõ 2\\3\nHà Nội"
    assert post(client, hanoi, [somebody, started, events.ended(started)]).status_code == 200
    assert SessionRecord.objects.get().station == odd
    assert Person.objects.get().address == "Số 1\tngõ 2\\3\nHà Nội"


def test_a_batch_ahead_of_its_predecessor_is_stored_after_a_wait_with_the_gap_named(
    client, hanoi, settings
):
    settings.NETPOINT_PROVIDER = {"order_wait_seconds": 0.2}
    events = hanoi[2]
    batch = [events.person(n) for n in (1, 2, 3, 4)]
    started = time.monotonic()
    answer = post(client, hanoi, batch[2:])
    assert time.monotonic() - started >= 0.2
    assert answer.json()["gaps"] == [[1, 2]]


@pytest.mark.django_db(transaction=True)
def test_pipelined_batches_are_stored_in_order(hanoi, settings):
    """The second batch arrives first and waits; the first arrives; both are stored, no gap."""
    import threading

    from django.test import Client

    events = hanoi[2]
    batch = [events.person(n) for n in (1, 2, 3, 4)]
    answers = {}

    def send(name, part):
        from django.db import connection

        try:
            answers[name] = post(Client(), hanoi, part)
        finally:
            connection.close()  # this thread's own connection to the test database

    ahead = threading.Thread(target=send, args=("second", batch[2:]))
    ahead.start()
    time.sleep(0.3)
    send("first", batch[:2])
    ahead.join(10)
    assert answers["second"].json()["gaps"] == [] and answers["second"].json()["highest_seq"] == 4
    assert not SequenceGap.objects.exists()


def test_staff_see_how_far_a_points_events_have_come(client, hanoi, django_user_model):
    from django.contrib.auth.models import Permission

    events = hanoi[2]
    batch = [events.person(n) for n in range(1, 8)]
    post(client, hanoi, batch[:3] + batch[5:])
    staff = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    staff.user_permissions.add(Permission.objects.get(codename="view_point"))
    client.force_login(staff)
    page = client.get(f"/diem/{hanoi[0].pk}/").content.decode()
    assert "5 sự kiện" in page and "đủ đến số 3" in page and "thiếu 4–5" in page


def test_a_session_keeps_its_person_seen(client, hanoi):
    events = hanoi[2]
    post(client, hanoi, [events.person(1)])
    before = Person.objects.get().last_seen_at
    events.at += timedelta(days=20)
    post(client, hanoi, [events.started(1, 1)])
    assert Person.objects.get().last_seen_at > before + timedelta(days=19)


@pytest.mark.parametrize("id_type", ["driving_licence", "student_card", "passport"])
def test_people_with_every_kind_of_document_are_stored(client, hanoi, id_type):
    event = hanoi[2].person(1)
    event["data"]["id_type"] = id_type
    answer = post(client, hanoi, [event])
    assert answer.status_code == 200, answer.json()
    assert Person.objects.get().id_type == id_type
