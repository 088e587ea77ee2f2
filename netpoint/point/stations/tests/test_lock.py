"""The grid's "Khóa máy" on a station in use: the cashier chooses to pause the session or to end
and bill it; the station's own API then says locked."""

from datetime import timedelta

import pytest

from netpoint.point.billing.models import LedgerEntry
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session, SessionPause
from netpoint.point.stations import services
from netpoint.point.stations.models import Station

pytestmark = pytest.mark.django_db

API = "/api/station"


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


@pytest.fixture
def in_use(clock, cafe, make_customer, cashier):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    return session


def lock(client, station, **data):
    return client.post(f"/stations/{station.pk}/lock/", data, follow=True)


def page(response) -> str:
    return response.content.decode()


def test_khoa_may_on_a_station_in_use_asks_the_cashier_to_choose(signed_in, cafe, in_use):
    response = lock(signed_in, cafe["m1"])
    assert response.status_code == 200
    assert "Tạm dừng phiên" in page(response) and "Kết thúc và tính tiền" in page(response)
    assert Session.objects.get(pk=in_use.pk).is_open and not SessionPause.objects.exists()


def test_choosing_pause_locks_the_station_and_the_grid_offers_to_resume(
    signed_in, cafe, in_use, clock
):
    response = lock(signed_in, cafe["m1"], choice="pause")
    assert "Đã tạm dừng phiên và khóa máy M01" in page(response)
    assert "Tạm khóa, phiên tạm dừng" in page(response) and "Mở lại" in page(response)
    assert services.station_state(cafe["m1"])["state"] == "locked"
    assert Session.objects.get(pk=in_use.pk).is_open


def test_choosing_end_bills_the_session_and_the_grid_awaits_payment(signed_in, cafe, in_use):
    response = lock(signed_in, cafe["m1"], choice="end")
    assert "chờ thanh toán 3.000 đ" in page(response)
    assert 'data-status="awaiting_payment"' in page(response)
    ended = Session.objects.get(pk=in_use.pk)
    assert (ended.end_reason, ended.charge, ended.settled_at) == ("check_out", 3000, None)
    assert services.station_state(cafe["m1"])["state"] == "locked"


def test_ending_a_members_session_from_the_lock_takes_it_from_the_account(
    signed_in, cafe, make_member, clock
):
    account = make_member(balance=20000)
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=10))
    response = lock(signed_in, cafe["m1"], choice="end")
    assert "đã trừ 1.000 đ" in page(response)
    account.refresh_from_db()
    assert account.balance == 19000


def test_mo_lai_resumes_a_paused_session_and_unlocks_the_station(signed_in, cafe, in_use):
    lock(signed_in, cafe["m1"], choice="pause")
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/resume/", follow=True)
    assert "Đã mở lại phiên trên máy M01" in page(response)
    assert services.station_state(cafe["m1"])["state"] == "unlocked"


def test_an_unknown_choice_is_refused_in_vietnamese_and_changes_nothing(signed_in, cafe, in_use):
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/lock/", {"choice": "explode"})
    assert response.status_code == 400
    assert "Hãy chọn “Tạm dừng phiên” hoặc “Kết thúc và tính tiền”" in page(response)
    assert Session.objects.get(pk=in_use.pk).is_open and not SessionPause.objects.exists()


def test_pausing_a_free_station_says_it_has_no_session(signed_in, cafe):
    response = lock(signed_in, cafe["m1"], choice="pause")
    assert response.status_code == 200
    assert "Máy M01 không có phiên nào đang chạy." in page(response)
    assert not LedgerEntry.objects.exists()


def test_pausing_a_paused_session_says_so(signed_in, cafe, in_use):
    lock(signed_in, cafe["m1"], choice="pause")
    response = lock(signed_in, cafe["m1"], choice="pause")
    assert "Phiên trên máy M01 đang tạm dừng." in page(response)
    assert SessionPause.objects.count() == 1


def test_resuming_a_session_not_paused_says_so(signed_in, cafe, in_use):
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/resume/", follow=True)
    assert response.status_code == 200
    assert "Phiên trên máy M01 không ở trạng thái tạm dừng." in page(response)


def test_resuming_a_free_station_says_so(signed_in, cafe):
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/resume/", follow=True)
    assert "Máy M01 không có phiên nào đang tạm dừng." in page(response)


def test_resume_needs_post(signed_in, cafe, in_use):
    assert signed_in.get(f"/stations/{cafe['m1'].pk}/resume/").status_code == 405


def test_locking_a_free_station_in_maintenance_still_ends_maintenance(signed_in, cafe):
    services.set_maintenance(cafe["m1"], True)
    response = lock(signed_in, cafe["m1"])
    assert "Đã khóa máy M01." in page(response)
    assert not Station.objects.get(pk=cafe["m1"].pk).maintenance_unlocked


def test_pausing_a_station_in_use_and_in_maintenance_locks_it(signed_in, cafe, in_use):
    services.set_maintenance(cafe["m1"], True)
    lock(signed_in, cafe["m1"], choice="pause")
    assert services.station_state(cafe["m1"])["state"] == "locked"
    assert not Station.objects.get(pk=cafe["m1"].pk).maintenance_unlocked


@pytest.fixture
def token(client, cafe):
    code = services.new_pairing_code(cafe["m1"])
    response = client.post(f"{API}/pair", {"code": code}, content_type="application/json")
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def test_the_station_api_says_locked_by_the_cashier_while_paused_and_unlocked_after_resume(
    client, cafe, in_use, token, cashier
):
    assert client.get(f"{API}/state", **token).json()["state"] == "unlocked"  # now kept in memory
    services.lock_in_use(cafe["m1"], end=False, cashier=cashier)
    paused = client.get(f"{API}/state", **token).json()
    assert (paused["state"], paused["lock_reason"]) == ("locked", "cashier_paused")
    assert paused["session"]["id"] == in_use.pk and paused["session"]["paused_since"]
    services.resume(cafe["m1"], cashier=cashier)
    resumed = client.get(f"{API}/state", **token).json()
    assert (resumed["state"], resumed["lock_reason"]) == ("unlocked", None)


def test_the_station_api_says_locked_without_a_session_after_end_and_bill(
    client, cafe, in_use, token, cashier
):
    services.lock_in_use(cafe["m1"], end=True, cashier=cashier)
    state = client.get(f"{API}/state", **token).json()
    assert (state["state"], state["lock_reason"], state["session"]) == ("locked", None, None)
