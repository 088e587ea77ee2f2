"""The search API: the search page's rules, refusals and audit, as JSON."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.authority import services
from netpoint.provider.authority.models import Member, Organisation
from netpoint.provider.authority.tests.conftest import SEEN
from netpoint.provider.records.models import Person, SessionRecord

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def api(client, world):
    """POSTs a search under the world's request as its investigator."""
    client.force_login(world["investigator"])

    def post(body, request_id=None, as_json=True):
        url = f"/api/v1/authority/requests/{request_id or world['request'].pk}/searches"
        data = json.dumps(body) if as_json else body
        return client.post(url, data, content_type="application/json")

    return post


@pytest.fixture
def approved(world):
    return services.decide(world["request"], world["officer"], approve=True)


def test_a_person_is_found_by_cccd_with_their_sessions(api, world, approved):
    answer = api({"kind": "id_number", "value": world["somebody"].cccd})
    assert answer.status_code == 200
    body = answer.json()
    assert body["request"] == approved.reference
    [person] = body["people"]
    assert (person["full_name"], person["id_number"]) == (
        world["somebody"].full_name,
        world["somebody"].cccd,
    )
    assert [(s["point"], s["station"]) for s in person["sessions"]] == [("HN-0001", "M01")]
    assert AuditEntry.objects.filter(action="search", detail__kind="id_number").exists()


def test_moments_are_answered_in_iso_8601_utc(api, world, approved):
    answer = api({"kind": "id_number", "value": world["somebody"].cccd})
    [session] = answer.json()["people"][0]["sessions"]
    assert session["started_at"].endswith("Z")
    assert datetime.fromisoformat(session["started_at"]) == SEEN


def test_who_was_at_a_station_is_asked_with_an_offset_moment(api, world, approved):
    at = (SEEN + timedelta(minutes=30)).isoformat()
    answer = api({"kind": "station", "value": "HN-0001/M02", "at": at})
    assert [p["full_name"] for p in answer.json()["people"]] == [world["other"].full_name]


def test_a_session_whose_person_is_gone_is_shown_with_the_person_unknown(api, world, approved):
    # The sessions' person_id has no constraint: retention may remove a person as a late
    # session of theirs comes in. The search still answers, with that session.
    gone = SessionRecord.objects.get(station="M02").person_id
    Person.objects.filter(pk=gone).delete()
    at = (SEEN + timedelta(minutes=30)).isoformat()
    answer = api({"kind": "station", "value": "HN-0001/M02", "at": at})
    assert answer.status_code == 200
    [unknown] = answer.json()["people"]
    assert unknown["full_name"] == "" and unknown["id_number"] == ""
    assert [s["station"] for s in unknown["sessions"]] == ["M02"]


def test_the_page_shows_a_session_whose_person_is_gone_as_name_unknown(client, world, approved):
    Person.objects.filter(pk=SessionRecord.objects.get(station="M02").person_id).delete()
    world["investigator"].groups.add(Group.objects.get(name="authority_user"))
    client.force_login(world["investigator"])
    at = (SEEN + timedelta(minutes=30)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    form = {"kind": "station", "value": "HN-0001/M02", "at": at.strftime("%Y-%m-%dT%H:%M")}
    answer = client.post(f"/van-ban/{world['request'].pk}/tim/", form)
    results = answer.content.decode().split('id="results"', 1)[1]
    assert answer.status_code == 200 and "(không rõ tên)" in results


def test_a_refusal_says_why_in_vietnamese_and_is_audited(api, world):
    answer = api({"kind": "id_number", "value": world["somebody"].cccd})
    assert answer.status_code == 403
    assert answer.json() == {
        "message": "Văn bản chưa được phê duyệt.",
        "reason": "not_approved",
    }
    assert AuditEntry.objects.filter(action="search_refused").exists()


@pytest.mark.parametrize(
    "body, words",
    [
        ({"kind": "passport", "value": "B1234567"}, "kind"),
        ({"kind": "name"}, "value"),
        ({"kind": "name", "value": ""}, "value"),
        ({"kind": "name", "value": "x" * 201}, "value"),
        ({"kind": "name", "value": "Nguyễn\x00Văn"}, "value"),
        ({"kind": "station", "value": "HN-0001/M01"}, "Hãy chọn thời điểm."),
        ({"kind": "station", "value": "HN-0001", "at": "2026-11-19T03:00:00+07:00"}, "ví dụ"),
        ({"kind": "ip", "value": "203.0.113.9", "at": "2026-11-19T03:00:00"}, "at"),
        ({"kind": "ip", "value": "203.0.113.9", "at": "hôm qua"}, "at"),
        ([], ""),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_searched(api, approved, body, words):
    answer = api(body)
    assert answer.status_code == 422
    assert words in answer.json()["message"]
    assert not AuditEntry.objects.filter(action="search").exists()


def test_an_unknown_field_is_refused_by_its_name_and_nothing_is_searched(api, approved):
    answer = api({"kind": "name", "value": "Nguyễn Văn An", "province": "01"})
    assert answer.status_code == 422
    assert "không được hỗ trợ: province" in answer.json()["message"]
    assert not AuditEntry.objects.filter(action="search").exists()


def test_a_body_that_is_not_json_is_refused(api, approved):
    answer = api("{kind: name", as_json=False)
    assert answer.status_code == 400
    assert answer.json()["message"] == "Nội dung gửi lên không phải JSON hợp lệ."


def test_an_unknown_or_foreign_request_is_not_found(
    api, client, world, approved, django_user_model
):
    assert api({"kind": "name", "value": "A"}, request_id=999999).status_code == 404
    other = Organisation.objects.create(name="Công an tỉnh khác", kind="police", province_code=79)
    stranger = django_user_model.objects.create_user("nguoila", password="x-Very-Long-3")
    stranger.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=stranger, organisation=other)
    client.force_login(stranger)
    assert api({"kind": "name", "value": "A"}).status_code == 404


def test_a_logged_in_browser_needs_the_csrf_token(world, approved):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world["investigator"])
    answer = browser.post(
        f"/api/v1/authority/requests/{approved.pk}/searches",
        {"kind": "name", "value": "A"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert not AuditEntry.objects.filter(action__startswith="search").exists()
