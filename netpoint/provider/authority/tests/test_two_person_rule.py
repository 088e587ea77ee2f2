"""The two-person rule on the page, the API and the exports alike (issue 24, reproduction 4):
a search naming more people than one officer's approval covers shows their ID and phone
numbers only once a second officer approved that search."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from netpoint.common.audit.models import AuditEntry
from netpoint.common.core.policy import local_tz
from netpoint.provider.authority import disclosure, services
from netpoint.provider.authority.tests.conftest import SEEN

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]

AT = SEEN + timedelta(minutes=30)  # both of the world's people were at HN-0001 then


@pytest.fixture
def crowd(world, settings):
    """The world's request approved, and one officer's approval covering one person: a search
    of the point's public IP at AT names two."""
    settings.NETPOINT_AUTHORITY = {"second_approval_over_persons": 1}
    world["request"] = services.decide(world["request"], world["officer"], approve=True)
    return world


def page_search(client, world, fmt="", value="203.0.113.9", at=AT):
    local = timezone.localtime(at, local_tz()).strftime("%Y-%m-%dT%H:%M")
    form = {"kind": "ip", "value": value, "at": local, "fmt": fmt}
    return client.post(f"/van-ban/{world['request'].pk}/tim/", form)


def api_search(client, world):
    url = f"/api/v1/authority/requests/{world['request'].pk}/searches"
    body = {"kind": "ip", "value": "203.0.113.9", "at": AT.isoformat()}
    return client.post(url, json.dumps(body), content_type="application/json")


def numbers_of(world) -> list[str]:
    people = (world["somebody"], world["other"])
    return [p.cccd for p in people] + [p.phone for p in people]


@pytest.fixture
def second_officer(django_user_model):
    second = django_user_model.objects.create_user("pheduyet2", password="x-Very-Long-4")
    second.groups.add(Group.objects.get(name="approving_officer"))
    return second


def approve_waiting(client, world, officer):
    client.force_login(officer)
    held = world["request"].exports.get(approved_at__isnull=True)
    answer = client.post(f"/van-ban/{world['request'].pk}/xuat/{held.pk}/duyet/")
    assert answer.status_code == 302
    client.force_login(world["investigator"])


def test_a_search_naming_more_people_than_allowed_hides_their_numbers_on_the_page(client, crowd):
    client.force_login(crowd["investigator"])
    page = page_search(client, crowd).content.decode()
    assert crowd["somebody"].full_name in page and crowd["other"].full_name in page
    assert not [number for number in numbers_of(crowd) if number in page]
    assert "được che cho đến khi một cán bộ phê duyệt thứ hai duyệt" in page


def test_the_same_search_through_the_api_withholds_the_numbers(client, crowd):
    client.force_login(crowd["investigator"])
    answer = api_search(client, crowd)
    assert answer.status_code == 200 and answer.json()["withheld"] is True
    assert not [number for number in numbers_of(crowd) if number in answer.content.decode()]
    assert {p["id_number"] for p in answer.json()["people"]} == {""}


def test_the_export_of_the_same_search_waits_for_a_second_officer(client, crowd):
    client.force_login(crowd["investigator"])
    answer = page_search(client, crowd, fmt="xlsx")
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "cần một cán bộ phê duyệt thứ hai" in page
    assert not [number for number in numbers_of(crowd) if number in page]


def test_a_second_officers_approval_shows_the_numbers_once(client, crowd, second_officer):
    client.force_login(crowd["investigator"])
    page_search(client, crowd)
    approve_waiting(client, crowd, second_officer)
    page = page_search(client, crowd).content.decode()
    assert all(number in page for number in numbers_of(crowd))
    again = page_search(client, crowd).content.decode()
    assert not [number for number in numbers_of(crowd) if number in again]
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("export_held") == 2 and actions.count("second_approval_used") == 1


def test_an_approved_search_is_exported_through_the_api_rule_too(client, crowd, second_officer):
    client.force_login(crowd["investigator"])
    api_search(client, crowd)
    approve_waiting(client, crowd, second_officer)
    answer = api_search(client, crowd)
    assert answer.json()["withheld"] is False
    assert all(number in answer.content.decode() for number in numbers_of(crowd))


def test_an_approval_of_one_search_does_not_show_another_of_the_same_size(
    client, crowd, second_officer
):
    client.force_login(crowd["investigator"])
    page_search(client, crowd)
    approve_waiting(client, crowd, second_officer)
    other_moment = page_search(client, crowd, at=AT + timedelta(minutes=1)).content.decode()
    assert not [number for number in numbers_of(crowd) if number in other_moment]


def test_a_search_within_one_officers_approval_shows_the_numbers(client, crowd, settings):
    settings.NETPOINT_AUTHORITY = {"second_approval_over_persons": 2}
    client.force_login(crowd["investigator"])
    page = page_search(client, crowd).content.decode()
    assert all(number in page for number in numbers_of(crowd))
    assert not crowd["request"].exports.exists()


@pytest.mark.parametrize(
    ("persons", "approved", "expected"),
    [
        (50, False, disclosure.Disclosure(False, True, False)),
        (51, False, disclosure.Disclosure(True, False, False)),
        (51, True, disclosure.Disclosure(True, True, True)),
        (0, True, disclosure.Disclosure(False, True, False)),
    ],
)
def test_the_rule_is_one_decision_of_the_count_the_limit_and_an_approval(
    persons, approved, expected
):
    assert disclosure.decide(persons, 50, approved) == expected
