"""A session's access records, from the gateway's log at the point, through the outbox and the
provider's ingest, to an authority's search under a written request."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import Sum
from django.urls import reverse

from netpoint.common.audit.models import AuditEntry
from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.common.identity.fake import fake_person
from netpoint.conftest import MORNING
from netpoint.point.accesslog import generate
from netpoint.point.accesslog.tailer import Tailer
from netpoint.point.customers import services as customers
from netpoint.point.outbox import services as outbox
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.provider.accessrecords.models import AccessRecord
from netpoint.provider.authority import services as authority
from netpoint.provider.authority.access import search_access
from netpoint.provider.authority.models import Member, Organisation
from netpoint.provider.authority.scope import SearchRefused
from netpoint.provider.records.tests.conftest import enroll_point, signed_post  # noqa: F401

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
STATION_IP = "192.168.1.21"


def a_session_at_the_point(cafe, cashier, tmp_path, who):
    """At 10:00 `who` checks in at M01; the gateway logs M01's lookups for an hour (and M02's,
    free); then the cashier checks them out. Returns the lines logged."""
    cafe["m1"].ip, cafe["m2"].ip = STATION_IP, "192.168.1.22"
    cafe["m1"].save()
    cafe["m2"].save()
    with clock_module.use(FakeClock(MORNING)) as clock:
        customer = customers.register_customer(
            {
                "full_name": who.full_name,
                "date_of_birth": who.date_of_birth,
                "gender": who.gender,
                "id_type": "cccd",
                "id_number": who.cccd,
                "address": who.address,
                "phone": who.phone,
            },
            cashier,
        )
        session = sessions.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
        lines = list(generate.lines("dnsmasq", [STATION_IP, "192.168.1.22"], MORNING, 6000))
        path = tmp_path / "dnsmasq.log"
        path.write_text("\n".join(lines) + "\n")
        clock.advance(timedelta(hours=1))
        Tailer(str(path), "dnsmasq").run_until_idle()
        sessions.check_out(session, cashier)
    return lines


def sent_to_the_provider(client, point, key):
    # As the sender sends them: the numbers the outbox keeps sealed opened.
    stored = OutboxEvent.objects.order_by("seq")
    events = [{"point": point.code, **outbox.opened(e.envelope)} for e in stored]
    answer = signed_post(client, point.code, key, events)[0]
    assert answer.status_code == 200, answer.json()
    return events


def accesses(lines) -> Counter:
    return Counter(
        line.split("] ")[-1].split(" ")[0]
        for line in lines
        if "query[" in line and line.endswith(f"from {STATION_IP}")
    )


@pytest.fixture
def police(django_user_model, cafe, cashier, tmp_path, enroll_point, client):  # noqa: F811
    """The point's session sent to the provider, and the police with an approved request
    naming the person at that point for that day."""
    who = fake_person(random.Random(11), date_of_birth=date(1990, 2, 2))
    lines = a_session_at_the_point(cafe, cashier, tmp_path, who)
    point, key = enroll_point("HN-0001")
    events = sent_to_the_provider(client, point, key)
    organisation = Organisation.objects.create(
        name="Công an TP Hà Nội", kind="police", province_code=1
    )
    investigator = django_user_model.objects.create_user("dieutra", password="x-Very-Long-1")
    investigator.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=investigator, organisation=organisation)
    officer = django_user_model.objects.create_user("pheduyet", password="x-Very-Long-2")
    officer.user_permissions.add(Permission.objects.get(codename="decide_writtenrequest"))
    request = authority.register(
        organisation,
        investigator,
        {
            "document_number": "45/CAHN-PA05",
            "document_date": MORNING.date(),
            "issuing_body": "Công an TP Hà Nội",
            "signer": "Đại tá Người Ký Thử",
            "subject": "Đề nghị cung cấp nhật ký truy cập",
            "legal_basis": "Nghị định 147/2024/NĐ-CP",
            "id_numbers": [("cccd", who.cccd)],
            "point_codes": ["HN-0001"],
            "time_from": MORNING - timedelta(hours=1),
            "time_to": MORNING + timedelta(hours=3),
            "valid_until": clock_module.now() + timedelta(days=7),
        },
    )
    request = authority.decide(request, officer, approve=True)
    return {
        "who": who,
        "lines": lines,
        "events": events,
        "request": request,
        "investigator": investigator,
        "point": point,
        "key": key,
    }


def test_a_sessions_access_records_reach_the_provider(police):
    batches = [e for e in police["events"] if e["kind"] == "access.batch"]
    assert 0 < len(batches) < 10  # thousands of lines, a few events
    rows = AccessRecord.objects.values("destination").annotate(n=Sum("count"))
    assert Counter({r["destination"]: r["n"] for r in rows}) == accesses(police["lines"])
    started = next(e for e in police["events"] if e["kind"] == "session.started")
    assert set(AccessRecord.objects.values_list("point__code", "session").distinct()) == {
        ("HN-0001", started["data"]["session"])
    }


def test_a_resent_batch_stores_the_records_once(police, client):
    answer = signed_post(client, police["point"].code, police["key"], police["events"])[0]
    assert answer.json()["duplicates"] == len(police["events"])
    total = AccessRecord.objects.aggregate(n=Sum("count"))["n"]
    assert total == sum(accesses(police["lines"]).values())


def test_an_authority_search_shows_the_persons_access_records(police):
    rows = search_access(
        police["request"], police["investigator"], "id_number", police["who"].cccd, None
    )
    found = Counter()
    for row in rows:
        assert (row["full_name"], row["point"], row["station"]) == (
            police["who"].full_name,
            "HN-0001",
            "M01",
        )
        found[row["destination"]] += row["count"]
    assert found == accesses(police["lines"])
    kinds = {row["destination"]: str(row["service_label"]) for row in rows}
    assert kinds["chat.zalo.me"] == "Trò chuyện, nhắn tin"
    entry = AuditEntry.objects.filter(action="search").latest("pk")
    assert entry.detail == {"kind": "access_id_number", "results": len(rows)}
    assert police["who"].cccd not in str(entry.detail)


def test_the_station_search_shows_what_was_open_there_at_that_moment(police):
    at = MORNING + timedelta(minutes=30)
    rows = search_access(police["request"], police["investigator"], "station", "HN-0001/M01", at)
    assert {row["full_name"] for row in rows} == {police["who"].full_name}
    assert (
        search_access(police["request"], police["investigator"], "station", "HN-0001/M02", at) == []
    )


def test_access_records_outside_the_request_are_refused(police, django_user_model):
    other = fake_person(random.Random(12))
    with pytest.raises(SearchRefused, match="person_not_in_scope"):
        search_access(police["request"], police["investigator"], "id_number", other.cccd, None)
    stranger = django_user_model.objects.create_user("nguoila", password="x-Very-Long-3")
    with pytest.raises(SearchRefused, match="not_your_organisation"):
        search_access(police["request"], stranger, "id_number", police["who"].cccd, None)
    assert (
        AuditEntry.objects.filter(action="search_refused", detail__kind="access_id_number").count()
        == 2
    )


def test_the_search_page_has_an_access_log_section(police, client):
    client.force_login(police["investigator"])
    page = client.post(
        reverse("authority-request-search", args=[police["request"].pk]),
        {"kind": "id_number", "value": police["who"].cccd},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="access"' in html and "chat.zalo.me:" not in html
    assert "chat.zalo.me" in html and "Trò chuyện, nhắn tin" in html
    assert police["who"].cccd not in page.request["PATH_INFO"]


def test_the_api_answers_the_access_records_as_json(police, client):
    client.force_login(police["investigator"])
    url = f"/api/v1/authority/requests/{police['request'].pk}/access-searches"
    body = {"kind": "id_number", "value": police["who"].cccd}
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    found = answer.json()
    assert found["request"] == police["request"].reference and found["limit"] > 0
    destinations = Counter()
    for record in found["records"]:
        assert (record["point"], record["station"]) == ("HN-0001", "M01")
        assert record["minute"].endswith("Z")
        destinations[record["destination"]] += record["count"]
    assert destinations == accesses(police["lines"])
    assert AuditEntry.objects.filter(action="search", detail__kind="access_id_number").exists()


def test_the_api_refuses_an_access_search_the_request_does_not_cover(police, client):
    client.force_login(police["investigator"])
    url = f"/api/v1/authority/requests/{police['request'].pk}/access-searches"
    other = fake_person(random.Random(12))
    answer = client.post(
        url, {"kind": "id_number", "value": other.cccd}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert answer.json()["reason"] == "person_not_in_scope"
    station = client.post(
        url, {"kind": "station", "value": "HN-0001/M01"}, content_type="application/json"
    )
    assert station.status_code == 422 and "thời điểm" in station.json()["message"]
