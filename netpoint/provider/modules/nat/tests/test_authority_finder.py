"""Search by public IP + port + time (NAT logs of Wi-Fi hotspots) under a written request:
through the API and the search page, scope-checked and audited like the other searches."""

import io
import json
import random
from datetime import timedelta

import pytest
from django.db import connection, transaction
from openpyxl import load_workbook

from netpoint.common.audit.models import AuditEntry
from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import services
from netpoint.provider.authority.tests import conftest as authority
from netpoint.provider.authority.tests.conftest import NOW, SEEN, approved
from netpoint.provider.modules.nat import services as nat
from netpoint.provider.modules.nat.events import OPEN, BindingEvent
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]

# The authority's tests' world (a police request over a point where two people were seen).
world, frozen_now = authority.world, authority.frozen_now

MAC = "AA-BB-CC-00-11-22"


@pytest.fixture
def hotspot_world(world, provider_point):
    """A hotspot whose gateway gave 203.0.113.7:1024-1535 to 10.0.0.5, where a verified guest's
    phone had that address; and an approved request that covers the hotspot."""
    hotspot = provider_point("HN-W001", point_type=Point.Type.WIFI, public_ips=[])
    nat.register_device(hotspot, "Cổng NAT", "192.0.2.1")
    wifi.register_nas(hotspot, "Bộ điều khiển", "192.0.2.10", "bi-mat-dung-chung-thu-nghiem")
    guest_phone = fake_person(random.Random(11)).phone
    guest, _password = wifi.verify_user(guest_phone, hotspot)
    with transaction.atomic(), connection.cursor() as cursor:
        binding = BindingEvent(OPEN, "192.0.2.1", "203.0.113.7", 1024, 1535, "10.0.0.5", SEEN)
        nat.store(cursor, [binding], nat.active_devices())
    RadAcct.objects.create(
        acctsessionid="80000001",
        acctuniqueid="u1",
        username=guest.login,
        nasipaddress="192.0.2.10",
        acctstarttime=SEEN - timedelta(minutes=2),
        acctstoptime=SEEN + timedelta(hours=1),
        callingstationid=MAC,
        framedipaddress="10.0.0.5",
    )
    request = approved(world, "124/CAHN-PA05", point_codes=["HN-W001", "HN-0001"])
    return world | {"wifi_request": request, "guest_phone": guest_phone}


@pytest.fixture
def api(client, hotspot_world):
    client.force_login(hotspot_world["investigator"])

    def post(body, request=None):
        request = request or hotspot_world["wifi_request"]
        url = f"/api/v1/authority/requests/{request.pk}/searches"
        return client.post(url, json.dumps(body), content_type="application/json")

    return post


AT = (SEEN + timedelta(minutes=30)).isoformat()


def test_ip_and_port_at_a_time_find_the_phone_the_device_the_session_and_the_hotspot(
    api, hotspot_world
):
    answer = api({"kind": "ip_port", "value": "203.0.113.7:1300", "at": AT})
    assert answer.status_code == 200
    [person] = answer.json()["people"]
    assert person["phone"] == hotspot_world["guest_phone"]
    assert (person["full_name"], person["date_of_birth"]) == ("", None)
    [session] = person["sessions"]
    assert (session["point"], session["station"], session["radius_session"]) == (
        "HN-W001",
        MAC,
        "80000001",
    )
    assert (session["private_ip"], session["public_ip"], session["public_ports"]) == (
        "10.0.0.5",
        "203.0.113.7",
        "1024-1535",
    )
    entry = AuditEntry.objects.get(action="search", detail__kind="ip_port")
    assert entry.detail["results"] == 1
    assert hotspot_world["guest_phone"] not in json.dumps(entry.detail)


def test_a_hotspot_outside_the_request_is_refused_and_audited(api, hotspot_world):
    # The world's first request covers only the café HN-0001.
    services.decide(hotspot_world["request"], hotspot_world["officer"], approve=True)
    body = {"kind": "ip_port", "value": "203.0.113.7:1300", "at": AT}
    answer = api(body, request=hotspot_world["request"])
    assert answer.status_code == 403
    assert answer.json()["reason"] == "point_not_in_scope"
    assert AuditEntry.objects.filter(action="search_refused", detail__kind="ip_port").exists()


def test_a_time_outside_the_request_is_refused_whether_or_not_a_binding_exists(api, hotspot_world):
    late = (NOW + timedelta(hours=1)).isoformat()
    with transaction.atomic(), connection.cursor() as cursor:
        later = BindingEvent(OPEN, "192.0.2.1", "203.0.113.7", 1536, 2047, "10.0.0.6", NOW)
        nat.store(cursor, [later], nat.active_devices())
    for port in (1600, 9000):  # held by a binding then, and in none
        answer = api({"kind": "ip_port", "value": f"203.0.113.7:{port}", "at": late})
        assert (answer.status_code, answer.json()["reason"]) == (403, "outside_time")


def test_a_port_in_no_block_falls_back_to_the_points_using_the_address(api, hotspot_world):
    # 203.0.113.9 is the café HN-0001's own address: the port adds nothing there.
    answer = api({"kind": "ip_port", "value": "203.0.113.9:443", "at": AT})
    names = sorted(p["full_name"] for p in answer.json()["people"])
    expected = sorted([hotspot_world["somebody"].full_name, hotspot_world["other"].full_name])
    assert names == expected
    # A port outside the hotspot's block, with no point using the address: nothing to search.
    answer = api({"kind": "ip_port", "value": "203.0.113.7:1536", "at": AT})
    assert answer.status_code == 403


@pytest.mark.parametrize(
    "body, words",
    [
        ({"kind": "ip_port", "value": "203.0.113.7:1300"}, "Hãy chọn thời điểm."),
        ({"kind": "ip_port", "value": "203.0.113.7", "at": AT}, "ví dụ 203.0.113.7:40123"),
        ({"kind": "ip_port", "value": "203.0.113.7:99999", "at": AT}, "ví dụ"),
        ({"kind": "ip_port", "value": "máy-chủ:80", "at": AT}, "ví dụ"),
    ],
)
def test_bad_addresses_and_ports_are_refused_with_a_message(api, hotspot_world, body, words):
    answer = api(body)
    assert answer.status_code == 422
    assert words in answer.json()["message"]
    assert not AuditEntry.objects.filter(action="search").exists()


def test_the_search_page_shows_the_wifi_user_and_exports_them(client, hotspot_world):
    client.force_login(hotspot_world["investigator"])
    url = f"/van-ban/{hotspot_world['wifi_request'].pk}/tim/"
    at = (SEEN + timedelta(minutes=30)).astimezone().strftime("%Y-%m-%dT%H:%M")
    search = {"kind": "ip_port", "value": "203.0.113.7:1300", "at": at}
    page = client.post(url, search)
    assert page.status_code == 200
    text = page.content.decode()
    assert hotspot_world["guest_phone"] in text and MAC in text and "80000001" in text
    exported = client.post(url, search | {"fmt": "xlsx"})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert hotspot_world["guest_phone"] in cells
    [station] = [c for c in cells if isinstance(c, str) and c.startswith(MAC)]
    assert "NAT 203.0.113.7:" in station and "phiên RADIUS 80000001" in station


def test_the_search_page_says_what_is_wrong_with_an_address(client, hotspot_world):
    client.force_login(hotspot_world["investigator"])
    url = f"/van-ban/{hotspot_world['wifi_request'].pk}/tim/"
    page = client.post(url, {"kind": "ip_port", "value": "203.0.113.7", "at": "2026-11-19T10:00"})
    assert page.status_code == 422
    assert "Ghi địa chỉ IP và cổng" in page.content.decode()


def test_a_phone_search_also_finds_the_wifi_sessions_verified_with_that_phone(hotspot_world, api):
    world = hotspot_world
    request = approved(world, "125/CAHN-PA05", phones=[world["guest_phone"]])
    answer = api({"kind": "phone", "value": world["guest_phone"]}, request)
    assert answer.status_code == 200
    (person,) = answer.json()["people"]
    assert (person["phone"], person["full_name"]) == (world["guest_phone"], "")
    (session,) = person["sessions"]
    assert session["point"] == "HN-W001" and session["station"] == MAC
    assert (session["private_ip"], session["public_ip"], session["public_ports"]) == (
        "10.0.0.5",
        "203.0.113.7",
        "1024-1535",
    )
    assert session["radius_session"] == "80000001"
    assert AuditEntry.objects.filter(action="search", detail__kind="phone").count() == 1


def test_a_phone_never_verified_on_wifi_finds_no_wifi_user(hotspot_world, api):
    world = hotspot_world
    other = fake_person(random.Random(12)).phone
    request = approved(world, "126/CAHN-PA05", phones=[other])
    answer = api({"kind": "phone", "value": other}, request)
    assert answer.status_code == 200 and answer.json()["people"] == []


def test_the_phones_read_through_sql_are_unsealed_as_wifi_sealed_them():
    from netpoint.provider.modules.nat.finders import WIFI_PHONE_COLUMN

    assert WIFI_PHONE_COLUMN == wifi.PHONE_COLUMN
