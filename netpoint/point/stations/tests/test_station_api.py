import json
import logging
from datetime import timedelta

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services
from netpoint.point.stations.models import Station, StationMessage

pytestmark = pytest.mark.django_db

API = "/api/station"


@pytest.fixture
def paired(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    response = client.post(f"{API}/pair", {"code": code}, content_type="application/json")
    assert response.status_code == 200
    return {
        "station": cafe["m1"],
        "auth": {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"},
    }


def post(client, path, body, **headers):
    return client.post(f"{API}{path}", body, content_type="application/json", **headers)


def test_pairing_exchanges_a_one_time_code_for_a_token(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    response = post(client, "/pair", {"code": code.lower(), "mac": "AA:BB:CC:DD:EE:01"})
    assert response.status_code == 200
    body = response.json()
    assert body["station"] == {"id": cafe["m1"].pk, "name": "M01"}
    station = Station.objects.get(pk=cafe["m1"].pk)
    assert station.mac == "AA:BB:CC:DD:EE:01"
    assert body["token"] not in (station.token_hash or "")


def test_a_pairing_code_works_only_once(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    assert post(client, "/pair", {"code": code}).status_code == 200
    response = post(client, "/pair", {"code": code})
    assert response.status_code == 400
    assert "không đúng hoặc đã hết hạn" in response.json()["message"]


def test_an_expired_pairing_code_is_refused(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    clock.advance(timedelta(minutes=11))
    assert post(client, "/pair", {"code": code}).status_code == 400


def test_pairing_with_a_malformed_mac_is_refused_with_the_field_named(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    response = post(client, "/pair", {"code": code, "mac": "not-a-mac"})
    assert response.status_code == 422
    assert "mac" in response.json()["message"]


def test_pairing_with_an_unknown_field_is_refused_by_its_name(clock, cafe, client):
    code = services.new_pairing_code(cafe["m1"])
    response = post(client, "/pair", {"code": code, "mac_address": "AA-BB-CC-DD-EE-01"})
    assert response.status_code == 422
    assert "không được hỗ trợ: mac_address" in response.json()["message"]
    assert post(client, "/pair", {"code": code}).status_code == 200


def test_pairing_without_a_code_is_refused(clock, cafe, client):
    response = post(client, "/pair", {})
    assert response.status_code == 400 and "mã ghép máy" in response.json()["message"]


def test_pairing_with_a_malformed_proof_is_refused(clock, cafe, client):
    assert post(client, "/pair", {"proof": "xyz"}).status_code == 422


def test_pairing_with_a_body_that_is_not_json_is_refused(clock, cafe, client):
    response = client.post(f"{API}/pair", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["message"] == "Nội dung gửi lên không phải JSON hợp lệ."


def test_guessing_pairing_codes_is_stopped(clock, cafe, client):
    for _ in range(10):
        assert post(client, "/pair", {"code": "AAAA-BBBB"}).status_code == 400
    code = services.new_pairing_code(cafe["m1"])
    assert post(client, "/pair", {"code": code}).status_code == 429


def test_state_needs_the_station_token(clock, cafe, client):
    response = client.get(f"{API}/state")
    assert response.status_code == 401
    assert "message" in response.json()
    bad = client.get(f"{API}/state", HTTP_AUTHORIZATION="Bearer nope")
    assert bad.status_code == 401
    assert bad.json()["message"] == "Thiếu hoặc sai mã xác thực của máy trạm."


def test_a_token_in_the_url_is_not_accepted(paired, client):
    token = paired["auth"]["HTTP_AUTHORIZATION"].split()[1]
    assert client.get(f"{API}/state?token={token}").status_code == 401


def test_a_free_station_is_locked_and_shows_the_point(paired, client):
    body = client.get(f"{API}/state", **paired["auth"]).json()
    assert body["state"] == "locked" and body["session"] is None
    assert body["point"]["name"] == "Quán Net Thử Nghiệm"
    assert body["poll_every_seconds"] == 2


def test_check_in_unlocks_the_station_with_time_left(paired, client, clock, make_member):
    account = make_member(balance=6000)
    sessions.check_in(station=paired["station"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=10))
    body = client.get(f"{API}/state", **paired["auth"]).json()
    assert body["state"] == "unlocked"
    assert body["session"]["seconds_left"] == 50 * 60
    assert body["session"]["end_reason"] == "balance"
    assert body["session"]["charge_so_far"] == 1000
    assert body["session"]["balance"] == 5000
    assert body["session"]["customer_name"] == account.customer.full_name.split()[-1]


def test_state_carries_the_health_warning_for_a_minor(paired, client, clock, make_customer):
    from datetime import date

    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    sessions.check_in(station=paired["station"], customer=minor, kind="walk_in")
    clock.advance(timedelta(minutes=30))
    warnings = client.get(f"{API}/state", **paired["auth"]).json()["warnings"]
    assert any(
        w["code"] == "health" and "ảnh hưởng xấu đến sức khỏe" in w["text"] for w in warnings
    )


def test_heartbeat_marks_the_station_seen_and_acknowledges_messages(paired, client, clock):
    message = services.send_message(paired["station"], "Sắp đến giờ đóng cửa")
    body = client.get(f"{API}/state", **paired["auth"]).json()
    assert [m["text"] for m in body["messages"]] == ["Sắp đến giờ đóng cửa"]
    clock.advance(timedelta(seconds=30))
    response = post(
        client,
        "/heartbeat",
        {"client_version": "0.1.0", "acknowledged_messages": [message.pk]},
        **paired["auth"],
    )
    assert response.status_code == 200 and response.json()["messages"] == []
    assert services.last_seen(paired["station"]) == clock.now()
    assert services.record_heartbeats() == 1
    station = Station.objects.get(pk=paired["station"].pk)
    assert station.last_seen_at == clock.now() and station.client_version == "0.1.0"
    assert services.last_seen(station) == clock.now()
    assert StationMessage.objects.get(pk=message.pk).acknowledged_at == clock.now()


def test_a_heartbeat_from_a_newer_client_with_a_field_unknown_here_is_taken(paired, client):
    body = {"client_version": "9.0.0", "battery": 80}
    response = post(client, "/heartbeat", body, **paired["auth"])
    assert response.status_code == 200
    assert services.record_heartbeats() == 1


def test_heartbeat_with_wrong_types_is_refused(paired, client):
    response = post(client, "/heartbeat", {"acknowledged_messages": "all"}, **paired["auth"])
    assert response.status_code == 422
    assert "acknowledged_messages" in response.json()["message"]


def test_a_station_cannot_acknowledge_another_stations_messages(paired, client, cafe):
    other = services.send_message(cafe["m2"], "Cho máy 2")
    post(client, "/heartbeat", {"acknowledged_messages": [other.pk]}, **paired["auth"])
    assert StationMessage.objects.get(pk=other.pk).acknowledged_at is None


def test_maintenance_unlock_unlocks_a_station_without_a_session(paired, client):
    services.set_maintenance(paired["station"], True)
    body = client.get(f"{API}/state", **paired["auth"]).json()
    assert body["state"] == "unlocked" and body["maintenance"] is True


def test_member_login_opens_a_session(paired, client, make_member):
    make_member(balance=6000, username="an.nguyen")
    response = post(
        client,
        "/login",
        {"username": "an.nguyen", "password": "mat-khau-hoi-vien"},
        **paired["auth"],
    )
    assert response.status_code == 200
    assert response.json()["state"] == "unlocked"


def test_member_login_with_a_wrong_password_is_refused(paired, client, make_member):
    make_member(balance=6000, username="an.nguyen")
    response = post(
        client, "/login", {"username": "an.nguyen", "password": "sai"}, **paired["auth"]
    )
    assert response.status_code == 403
    assert "không đúng" in response.json()["message"]


def test_member_login_for_an_unknown_user_is_refused_the_same_way(paired, client):
    response = post(client, "/login", {"username": "ai-do", "password": "x"}, **paired["auth"])
    assert response.status_code == 403


def test_member_login_with_missing_fields_is_refused(paired, client):
    response = post(client, "/login", {"username": ""}, **paired["auth"])
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["username", "password"])
def test_control_characters_in_a_login_are_refused(paired, client, field):
    body = {"username": "an.nguyen", "password": "mat-khau"}
    body[field] = "an\x00nguyen"
    response = post(client, "/login", body, **paired["auth"])
    assert response.status_code == 422
    assert field in response.json()["message"]


def test_member_login_outside_opening_hours_says_why(paired, client, clock, make_member):
    from datetime import UTC, datetime

    make_member(balance=6000, username="an.nguyen")
    clock.set(datetime(2026, 3, 10, 16, 0, tzinfo=UTC))  # 23:00 local
    response = post(
        client,
        "/login",
        {"username": "an.nguyen", "password": "mat-khau-hoi-vien"},
        **paired["auth"],
    )
    assert response.status_code == 409
    assert "ngoài giờ mở cửa" in response.json()["message"]


def test_repeated_wrong_passwords_lock_member_login_for_a_while(paired, client, make_member):
    make_member(balance=6000, username="an.nguyen")
    for _ in range(10):
        post(client, "/login", {"username": "an.nguyen", "password": "sai"}, **paired["auth"])
    response = post(
        client,
        "/login",
        {"username": "an.nguyen", "password": "mat-khau-hoi-vien"},
        **paired["auth"],
    )
    assert response.status_code == 429


def test_passwords_and_tokens_never_reach_the_logs(paired, client, make_member, caplog):
    make_member(balance=6000, username="an.nguyen")
    with caplog.at_level(logging.DEBUG):
        post(
            client,
            "/login",
            {"username": "an.nguyen", "password": "sai-mat-khau-9"},
            **paired["auth"],
        )
        client.get(f"{API}/state", **paired["auth"])
    token = paired["auth"]["HTTP_AUTHORIZATION"].split()[1]
    assert "sai-mat-khau-9" not in caplog.text and token not in caplog.text


def test_member_logout_ends_the_session_and_locks(paired, client, make_member):
    make_member(balance=6000, username="an.nguyen")
    post(
        client,
        "/login",
        {"username": "an.nguyen", "password": "mat-khau-hoi-vien"},
        **paired["auth"],
    )
    response = post(client, "/logout", {}, **paired["auth"])
    assert response.status_code == 200 and response.json()["state"] == "locked"


def test_logout_without_a_session_is_refused(paired, client):
    assert post(client, "/logout", {}, **paired["auth"]).status_code == 409


def test_a_walk_in_cannot_log_out_from_the_station(paired, client, make_customer):
    sessions.check_in(station=paired["station"], customer=make_customer(), kind="walk_in")
    response = post(client, "/logout", {}, **paired["auth"])
    assert response.status_code == 409
    assert "quầy thu ngân" in response.json()["message"]


def test_the_api_document_lists_every_station_operation(client):
    paths = json.loads(client.get("/api/openapi.json").content)["paths"]
    for operation in ("pair", "state", "heartbeat", "login", "logout"):
        assert f"{API}/{operation}" in paths


def test_a_killed_client_shows_silent_on_the_grid(paired, client, clock, make_customer):
    sessions.check_in(station=paired["station"], customer=make_customer(), kind="walk_in")
    post(client, "/heartbeat", {"client_version": "0.1.0"}, **paired["auth"])
    status_of = {row["station"].name: row["status"] for row in services.grid()}
    assert status_of["M01"] == "in_use"
    clock.advance(timedelta(seconds=21))  # no heartbeat since: the client was killed
    status_of = {row["station"].name: row["status"] for row in services.grid()}
    assert status_of["M01"] == "silent"


def test_a_new_points_first_poll_shows_the_default_rules(clock, client):
    """On a point nobody has set up yet, a station's poll is what makes the point's profile."""
    from netpoint.point.profile.models import DEFAULT_RULES, PointProfile
    from netpoint.point.stations.models import Zone

    station = Station.objects.create(name="M09", zone=Zone.objects.create(name="Thường"))
    code = services.new_pairing_code(station)
    token = post(client, "/pair", {"code": code}).json()["token"]
    assert not PointProfile.objects.exists()
    answer = client.get(f"{API}/state", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200
    assert answer.json()["point"]["rules"] == str(DEFAULT_RULES)


def login(client, auth, username, password="mat-khau-hoi-vien"):
    return post(client, "/login", {"username": username, "password": password}, **auth)


@pytest.fixture
def second_station(paired, cafe):
    _station, token = services.pair(services.new_pairing_code(cafe["m2"]))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_another_members_good_login_does_not_restart_the_guessing_count(
    paired, client, make_member
):
    make_member(balance=6000, username="an.nguyen")
    make_member(balance=6000, username="ke.do")
    for _ in range(9):
        login(client, paired["auth"], "an.nguyen", "sai")
    assert login(client, paired["auth"], "ke.do").status_code == 200
    assert post(client, "/logout", {}, **paired["auth"]).status_code == 200
    login(client, paired["auth"], "an.nguyen", "sai")
    assert login(client, paired["auth"], "an.nguyen").status_code == 429


def test_guesses_at_one_username_from_several_stations_add_up(
    paired, second_station, client, make_member
):
    make_member(balance=6000, username="an.nguyen")
    for _ in range(5):
        login(client, paired["auth"], "an.nguyen", "sai")
        login(client, second_station, "an.nguyen", "sai")
    assert login(client, second_station, "an.nguyen").status_code == 429


def test_a_guessed_username_stays_locked_past_the_stations_window(
    paired, client, clock, make_member
):
    make_member(balance=6000, username="an.nguyen")
    for _ in range(10):
        login(client, paired["auth"], "an.nguyen", "sai")
    clock.advance(timedelta(minutes=6))  # the station's own count has ended
    assert login(client, paired["auth"], "an.nguyen").status_code == 429
    clock.advance(timedelta(minutes=25))
    assert login(client, paired["auth"], "an.nguyen").status_code == 200


def test_a_locked_username_leaves_other_members_free_at_another_station(
    paired, second_station, client, make_member
):
    make_member(balance=6000, username="an.nguyen")
    make_member(balance=6000, username="binh.tran")
    for _ in range(10):
        login(client, paired["auth"], "an.nguyen", "sai")
    assert login(client, second_station, "an.nguyen").status_code == 429
    assert login(client, second_station, "binh.tran").status_code == 200


def test_the_members_own_check_in_clears_the_guessing_count(paired, client, make_member):
    make_member(balance=6000, username="an.nguyen")
    for _ in range(9):
        login(client, paired["auth"], "an.nguyen", "sai")
    assert login(client, paired["auth"], "an.nguyen").status_code == 200
    post(client, "/logout", {}, **paired["auth"])
    for _ in range(9):
        login(client, paired["auth"], "an.nguyen", "sai")
    assert login(client, paired["auth"], "an.nguyen").status_code == 200


def test_the_guessing_count_holds_no_username(paired, client):
    from netpoint.common.core.models import FailedAttempts

    login(client, paired["auth"], "an.nguyen", "sai")
    assert FailedAttempts.objects.count() == 2
    assert not FailedAttempts.objects.filter(who__contains="nguyen").exists()
