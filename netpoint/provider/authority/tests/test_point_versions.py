"""Each point's version of a person (issue 24, reproduction 2): point B, enrolled and signing
with its own key, says that point A's customer (by their CCCD) has another name and phone, in
an event dated 10 days back. The provider takes the event, keeps it as B's version, and changes
nothing that A said; an authority still finds the person by the phone A stated, and sees who
said what, and when."""

import json
import random
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from netpoint.common.events import signing
from netpoint.common.identity.fake import fake_person
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.authority import search
from netpoint.provider.authority import services as authority
from netpoint.provider.authority.tests.conftest import NOW, letter
from netpoint.provider.records.models import Person, PointPerson
from netpoint.provider.records.tests.conftest import EVENTS_PATH, PointEvents
from netpoint.provider.registry import services as registry

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]
SEEN = NOW - timedelta(days=3)


def send(client, point, key, events: list) -> int:
    body = json.dumps({"events": events}).encode()
    # Signed now: a signature is timed by the wall clock on both sides, whatever the records say.
    headers = signing.sign(key, point.code, "POST", EVENTS_PATH, body)
    answer = client.post(EVENTS_PATH, data=body, content_type="application/json", headers=headers)
    return answer.status_code


@pytest.fixture
def points(frozen_now, provider_point, client):
    """Points A and B, enrolled; A has registered its customer with a session 3 days ago."""
    made = {}
    for code, name in (("HN-0001", "Điểm Hoàn Kiếm"), ("HN-0002", "Điểm Cầu Giấy")):
        point = provider_point(code, name=name)
        key = signing.new_private_key()
        registry.enroll(registry.issue_enrollment_code(point), signing.public_key_of(key))
        made[code] = (point, key)
    customer = fake_person(random.Random(24))
    a = PointEvents("HN-0001", SEEN)
    registered = a.person(7, customer)
    assert send(client, *made["HN-0001"], [registered, a.started(1, 7)]) == 200
    return {"a": made["HN-0001"], "b": made["HN-0002"], "customer": customer, "events": a}


def restated_by_b(client, points, days_back: int = 10) -> tuple[int, object]:
    """B's person.registered for A's customer's CCCD, with another name and phone, dated
    `days_back` days before now: (the answer's status, the impostor's details)."""
    impostor = fake_person(random.Random(99))
    b = PointEvents("HN-0002", NOW - timedelta(days=days_back))
    forged = b.person(3, impostor)
    forged["data"]["id_number"] = points["customer"].cccd
    return send(client, *points["b"], [forged]), impostor


def version_of(point) -> PointPerson:
    return PointPerson.objects.get(point=point)


def test_another_points_statement_is_taken_but_leaves_the_first_points_version(client, points):
    customer = points["customer"]
    status, impostor = restated_by_b(client, points)
    assert status == 200
    a_version = version_of(points["a"][0])
    assert a_version.full_name == customer.full_name
    assert a_version.phone_index == phone_index(customer.phone, key_ring())
    # One person, merged by the CCCD as before, whose row still shows A's newer word.
    person = Person.objects.get()
    assert person.full_name == customer.full_name
    assert version_of(points["b"][0]).person == person
    assert version_of(points["b"][0]).full_name == impostor.full_name


@pytest.fixture
def investigator(points, django_user_model):
    """An approved request naming the customer by the phone point A stated, and its user."""
    from netpoint.provider.authority.models import Member, Organisation

    police = Organisation.objects.create(name="Công an TP Hà Nội", kind="police", province_code=1)
    user = django_user_model.objects.create_user("dieutra", password="x-Very-Long-1")
    user.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=user, organisation=police)
    officer = django_user_model.objects.create_user("pheduyet", password="x-Very-Long-2")
    officer.groups.add(Group.objects.get(name="approving_officer"))
    request = authority.register(
        police, user, letter("24/CAHN-PA05", phones=[points["customer"].phone])
    )
    return authority.decide(request, officer, approve=True), user


def test_a_search_by_the_phone_the_first_point_stated_still_finds_the_person(
    client, points, investigator
):
    restated_by_b(client, points, days_back=0)  # B's word is now the newest of all
    request, user = investigator
    found = search.search(request, user, "phone", points["customer"].phone, None)
    assert [len(person.sessions) for person in found] == [1]
    assert Person.objects.get().full_name != points["customer"].full_name


def test_the_search_page_shows_each_points_version_with_its_point_and_time(
    client, points, investigator
):
    _status, impostor = restated_by_b(client, points)
    request, user = investigator
    client.force_login(user)
    asked = {"kind": "phone", "value": points["customer"].phone, "fmt": ""}
    page = client.post(f"/van-ban/{request.pk}/tim/", asked).content.decode()
    # Shown in Asia/Ho_Chi_Minh: A's event came a second after SEEN, B's ten days back.
    said_by_a = (SEEN + timedelta(seconds=1, hours=7)).strftime("%H:%M %d/%m/%Y")
    said_by_b = (NOW - timedelta(days=10) + timedelta(seconds=1, hours=7)).strftime(
        "%H:%M %d/%m/%Y"
    )
    assert f"Điểm Hoàn Kiếm (HN-0001) khai lúc {said_by_a}: {points['customer'].full_name}" in page
    assert f"Điểm Cầu Giấy (HN-0002) khai lúc {said_by_b}: {impostor.full_name}" in page


def test_the_api_answers_each_points_version_with_its_source(client, points, investigator):
    _status, impostor = restated_by_b(client, points)
    request, user = investigator
    client.force_login(user)
    answer = client.post(
        f"/api/v1/authority/requests/{request.pk}/searches",
        {"kind": "phone", "value": points["customer"].phone},
        content_type="application/json",
    ).json()
    (person,) = answer["people"]
    said = [(v["point"], v["full_name"], v["phone"]) for v in person["versions"]]
    assert said == [
        ("HN-0002", impostor.full_name, impostor.phone),
        ("HN-0001", points["customer"].full_name, points["customer"].phone),
    ]


def test_an_older_statement_from_the_same_point_changes_nothing(client, points):
    a = PointEvents("HN-0001", SEEN - timedelta(days=1))
    a.seq = points["events"].seq
    late = a.person(7, fake_person(random.Random(7)))
    late["data"]["id_number"] = points["customer"].cccd
    assert send(client, *points["a"], [late]) == 200
    assert version_of(points["a"][0]).full_name == points["customer"].full_name
    assert Person.objects.get().full_name == points["customer"].full_name


def test_a_newer_statement_from_the_same_point_replaces_its_version(client, points):
    moved = fake_person(random.Random(8))
    update = points["events"].person(7, points["customer"])
    update["kind"] = "person.updated"
    update["data"]["phone"] = moved.phone
    assert send(client, *points["a"], [update]) == 200
    a_version = version_of(points["a"][0])
    assert a_version.phone_index == phone_index(moved.phone, key_ring())
    assert a_version.said_at > SEEN + timedelta(seconds=1)
    assert Person.objects.get().phone_index == phone_index(moved.phone, key_ring())


def test_an_export_names_each_points_version_with_its_point(client, points, investigator):
    from io import BytesIO

    from openpyxl import load_workbook

    from netpoint.provider.authority import exports

    _status, impostor = restated_by_b(client, points)
    request, user = investigator
    found = search.search(request, user, "phone", points["customer"].phone, None)
    sheet = load_workbook(BytesIO(exports.export(request, user, found, "xlsx"))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    said = rows[rows.index(exports.COLUMNS) + 1][len(exports.COLUMNS) - 1]
    assert "Điểm Cầu Giấy (HN-0002) khai lúc" in said and impostor.full_name in said
    assert "Điểm Hoàn Kiếm (HN-0001) khai lúc" in said and points["customer"].full_name in said


def named_by(points, django_user_model, **scope):
    """An approved request of the police naming the customer as `scope` says, and its user."""
    from netpoint.provider.authority.models import Member, Organisation

    police = Organisation.objects.create(name="Công an Thử", kind="police", province_code=1)
    user = django_user_model.objects.create_user("dieutra2", password="x-Very-Long-3")
    user.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=user, organisation=police)
    officer = django_user_model.objects.create_user("pheduyet2", password="x-Very-Long-4")
    officer.groups.add(Group.objects.get(name="approving_officer"))
    request = authority.register(police, user, letter("26/CAHN-PA05", **scope))
    return authority.decide(request, officer, approve=True), user


def test_a_search_by_the_name_the_first_point_stated_still_finds_the_person(
    client, points, django_user_model
):
    restated_by_b(client, points, days_back=0)
    name = points["customer"].full_name
    request, user = named_by(points, django_user_model, names=[name])
    found = search.search(request, user, "name", name, None)
    assert [len(person.sessions) for person in found] == [1]


def test_a_person_without_sessions_is_found_by_a_phone_only_one_point_stated(
    client, points, django_user_model
):
    # A's customer registered at B too, whose later word gives another phone; no session
    # of theirs in the request's period.
    _status, impostor = restated_by_b(client, points, days_back=0)
    request, user = named_by(
        points, django_user_model, phones=[points["customer"].phone], time_to=SEEN
    )
    found = search.search(request, user, "phone", points["customer"].phone, None)
    assert [(len(person.sessions), len(person.versions)) for person in found] == [(0, 2)]
