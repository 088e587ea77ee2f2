"""Pairing again without a code (netpoint.point.stations.registration): a station whose disk
was reset asks, the cashier approves on the grid, the agent holding the secret gets a token."""

import secrets
from datetime import timedelta

import pytest

from netpoint.point.stations import registration
from netpoint.point.stations.models import RegistrationRequest, Station

pytestmark = pytest.mark.django_db

API = "/api/station/register"
MAC = "AA:BB:CC:DD:EE:01"
HERE = "192.168.1.21"
ELSEWHERE = "192.168.1.99"


@pytest.fixture
def known(cafe):
    """M01 was paired before, from its own address; its disk has since been reset."""
    Station.objects.filter(pk=cafe["m1"].pk).update(mac=MAC, ip=HERE)
    return Station.objects.get(pk=cafe["m1"].pk)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def ask(client, secret, mac=MAC, ip=HERE, hostname="PHONG-MAY-01"):
    body = {"mac": mac, "hostname": hostname, "secret": secret}
    return client.post(API, body, content_type="application/json", REMOTE_ADDR=ip)


def status(client, secret, ip=HERE):
    return client.post(
        f"{API}/status", {"secret": secret}, content_type="application/json", REMOTE_ADDR=ip
    )


def approve(client, cashier, pk, **form):
    client.force_login(cashier)
    return client.post(f"/stations/registrations/{pk}/approve/", form, follow=True)


def test_a_station_that_lost_its_token_asks_and_waits(clock, client, known):
    secret = new_secret()
    response = ask(client, secret)
    assert response.status_code == 202
    assert response.json()["station"] == {"id": known.pk, "name": "M01"}
    assert status(client, secret).json()["status"] == "pending"
    assert Station.objects.get(pk=known.pk).token_hash is None


def test_asking_never_pairs_a_station_by_itself(clock, client, known):
    secret = new_secret()
    ask(client, secret)
    clock.advance(timedelta(minutes=5))
    answer = status(client, secret).json()
    assert answer["status"] == "pending" and answer["token"] is None


def test_the_grid_shows_the_request_with_one_approve_button(clock, client, known, cashier):
    ask(client, new_secret())
    client.force_login(cashier)
    page = client.get("/").content.decode()
    assert "Máy M01 xin ghép lại" in page
    assert HERE in page and MAC in page and "PHONG-MAY-01" in page
    assert page.count(">Duyệt</button>") == 1


def test_approved_by_the_cashier_the_agent_gets_its_token_once(clock, client, known, cashier):
    secret = new_secret()
    ask(client, secret)
    pk = RegistrationRequest.objects.get().pk
    page = approve(client, cashier, pk).content.decode()
    assert "Đã duyệt: máy M01 sẽ ghép lại" in page
    client.logout()
    answer = status(client, secret).json()
    assert answer["status"] == "approved" and answer["station"]["name"] == "M01"
    state = client.get("/api/station/state", HTTP_AUTHORIZATION=f"Bearer {answer['token']}")
    assert state.status_code == 200 and state.json()["state"] == "locked"
    again = status(client, secret)
    assert again.status_code == 404 and "Không có yêu cầu" in again.json()["message"]


def test_the_approved_request_leaves_the_grid(clock, client, known, cashier):
    ask(client, new_secret())
    page = approve(client, cashier, RegistrationRequest.objects.get().pk).content.decode()
    assert "xin ghép lại" not in page


def test_another_pc_claiming_the_mac_gets_nothing_without_the_cashier(clock, client, known):
    secret = new_secret()
    assert ask(client, secret, ip=ELSEWHERE).status_code == 202
    assert status(client, secret, ip=ELSEWHERE).json()["token"] is None


def test_the_grid_warns_when_the_mac_comes_from_another_address(clock, client, known, cashier):
    ask(client, new_secret(), ip=ELSEWHERE)
    client.force_login(cashier)
    page = client.get("/").content.decode()
    assert f"Địa chỉ IP khác lần trước ({HERE})" in page


def test_approving_one_request_drops_the_others_for_that_station(clock, client, known, cashier):
    mine, theirs = new_secret(), new_secret()
    ask(client, mine)
    ask(client, theirs, ip=ELSEWHERE)
    own = RegistrationRequest.objects.get(ip=HERE)
    approve(client, cashier, own.pk)
    client.logout()
    assert status(client, theirs, ip=ELSEWHERE).status_code == 404
    assert status(client, mine).json()["status"] == "approved"


def test_the_token_goes_only_to_the_address_that_asked(clock, client, known, cashier):
    secret = new_secret()
    ask(client, secret)
    approve(client, cashier, RegistrationRequest.objects.get().pk)
    client.logout()
    response = status(client, secret, ip=ELSEWHERE)
    assert response.status_code == 403 and "địa chỉ khác" in response.json()["message"]


def test_a_request_not_approved_in_time_expires(clock, client, known, cashier):
    secret = new_secret()
    ask(client, secret)
    clock.advance(timedelta(minutes=16))
    assert status(client, secret).json()["status"] == "expired"
    client.force_login(cashier)
    assert "xin ghép lại" not in client.get("/").content.decode()


def test_an_expired_request_cannot_be_approved(clock, client, known, cashier):
    ask(client, new_secret())
    pk = RegistrationRequest.objects.get().pk
    clock.advance(timedelta(minutes=16))
    page = approve(client, cashier, pk).content.decode()
    assert "đã hết hạn hoặc đã được duyệt" in page


def test_an_unknown_pc_is_shown_and_the_cashier_says_which_station_it_is(
    clock, client, cafe, cashier
):
    secret = new_secret()
    ask(client, secret, mac="AA:BB:CC:DD:EE:77")
    client.force_login(cashier)
    page = client.get("/").content.decode()
    assert "Máy lạ xin ghép" in page and "Chọn máy" in page
    pk = RegistrationRequest.objects.get().pk
    assert (
        "Đã duyệt: máy M02" in approve(client, cashier, pk, station=cafe["m2"].pk).content.decode()
    )
    client.logout()
    assert status(client, secret).json()["station"]["name"] == "M02"
    assert Station.objects.get(pk=cafe["m2"].pk).mac == "AA:BB:CC:DD:EE:77"


def test_approving_an_unknown_pc_without_choosing_a_station_says_so(clock, client, cafe, cashier):
    ask(client, new_secret(), mac="AA:BB:CC:DD:EE:77")
    page = approve(client, cashier, RegistrationRequest.objects.get().pk).content.decode()
    assert "Hãy chọn máy trạm" in page


def test_approving_for_a_station_that_does_not_exist_says_so(clock, client, cafe, cashier):
    ask(client, new_secret(), mac="AA:BB:CC:DD:EE:77")
    pk = RegistrationRequest.objects.get().pk
    assert "Không có máy trạm này" in approve(client, cashier, pk, station="x").content.decode()
    assert "Không có máy trạm này" in approve(client, cashier, pk, station=999).content.decode()


def test_a_mac_that_belongs_to_another_station_is_not_moved(clock, client, known, cashier):
    ask(client, new_secret())  # M01's MAC
    page = approve(client, cashier, RegistrationRequest.objects.get().pk, station=known.pk + 1)
    assert "đang là của máy M01" in page.content.decode()


def test_approving_needs_a_signed_in_cashier(clock, client, known):
    ask(client, new_secret())
    response = client.post(
        f"/stations/registrations/{RegistrationRequest.objects.get().pk}/approve/"
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert RegistrationRequest.objects.get().approved_at is None


def test_approving_takes_a_post_not_a_link(clock, client, known, cashier):
    ask(client, new_secret())
    client.force_login(cashier)
    pk = RegistrationRequest.objects.get().pk
    assert client.get(f"/stations/registrations/{pk}/approve/").status_code == 405


def test_approving_needs_the_csrf_token(clock, known, cashier):
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    ask(checked, new_secret())
    checked.force_login(cashier)
    pk = RegistrationRequest.objects.get().pk
    assert checked.post(f"/stations/registrations/{pk}/approve/").status_code == 403


def test_a_malformed_mac_is_refused_with_the_field_named(clock, client, known):
    response = ask(client, new_secret(), mac="not-a-mac")
    assert response.status_code == 422 and "mac" in response.json()["message"]


def test_a_short_secret_is_refused(clock, client, known):
    response = ask(client, "abc")
    assert response.status_code == 422 and "secret" in response.json()["message"]


def test_a_hostname_with_odd_characters_is_refused(clock, client, known):
    response = ask(client, new_secret(), hostname="máy <1>")
    assert response.status_code == 422 and "hostname" in response.json()["message"]


def test_a_request_without_a_body_is_refused_in_vietnamese(clock, client):
    response = client.post(API, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "Nội dung gửi lên không phải JSON hợp lệ."


def test_a_secret_used_before_is_refused(clock, client, known):
    secret = new_secret()
    ask(client, secret)
    response = ask(client, secret, ip=ELSEWHERE)
    assert response.status_code == 409 and "đã được dùng" in response.json()["message"]


def test_asking_after_an_unknown_secret_is_refused(clock, client):
    response = status(client, new_secret())
    assert response.status_code == 404 and "Không có yêu cầu" in response.json()["message"]


def test_a_restarted_agent_replaces_its_own_waiting_request(clock, client, known):
    ask(client, new_secret())
    ask(client, new_secret())
    assert RegistrationRequest.objects.count() == 1


def test_asking_again_and_again_is_stopped(clock, client, known):
    for _ in range(10):
        assert ask(client, new_secret()).status_code == 202
    response = ask(client, new_secret())
    assert response.status_code == 429 and "quá nhiều lần" in response.json()["message"]


def test_guessing_secrets_is_stopped(clock, client):
    for _ in range(10):
        assert status(client, new_secret()).status_code == 404
    response = status(client, new_secret())
    assert response.status_code == 429 and "quá nhiều lần" in response.json()["message"]


def test_a_flood_of_requests_cannot_bury_the_real_ones(clock, client, known, settings):
    settings.NETPOINT_STATION = {"registrations_pending_at_most": 2}
    ask(client, new_secret(), ip="192.168.1.31")
    ask(client, new_secret(), ip="192.168.1.32")
    response = ask(client, new_secret(), ip="192.168.1.33")
    assert response.status_code == 429 and "quá nhiều máy" in response.json()["message"]


def test_the_mac_the_point_sees_on_its_lan_is_read_from_its_arp_table():
    table = (
        "IP address       HW type     Flags       HW address            Mask     Device\n"
        "192.168.1.21     0x1         0x2         aa:bb:cc:dd:ee:01     *        eth0\n"
        "192.168.1.22     0x1         0x0         00:00:00:00:00:00     *        eth0\n"
    )
    assert registration.arp_mac("192.168.1.21", table) == "AA:BB:CC:DD:EE:01"
    assert registration.arp_mac("192.168.1.22", table) == ""  # incomplete: not seen
    assert registration.arp_mac("192.168.1.23", table) == ""


def test_the_grid_warns_when_the_mac_claimed_is_not_the_one_on_the_wire(
    clock, client, known, cashier, monkeypatch
):
    monkeypatch.setattr(registration, "arp_mac", lambda ip: "AA:BB:CC:DD:EE:99")
    ask(client, new_secret())
    client.force_login(cashier)
    assert "MAC thấy trên mạng (AA:BB:CC:DD:EE:99)" in client.get("/").content.decode()


def test_the_api_document_lists_both_registration_calls(client):
    import json

    paths = json.loads(client.get("/api/openapi.json").content)["paths"]
    assert API in paths and f"{API}/status" in paths


def test_a_request_with_no_source_address_is_refused(clock, client, known):
    response = ask(client, new_secret(), ip="")
    assert response.status_code == 400 and "địa chỉ" in response.json()["message"]
    assert not RegistrationRequest.objects.exists()
