"""The cashier presses "Khóa máy" on a station in use, in Debian's Chromium against a live
server, chooses, and the grid and the station's own API say what was done."""

import json
import urllib.request

import pytest

from netpoint.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def station_state(base_url: str, token: str) -> dict:
    request = urllib.request.Request(
        f"{base_url}/api/station/state", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return json.load(response)


@pytest.fixture
def at_the_grid(live_server, page, cafe, cashier, make_customer):
    from netpoint.point.sessions import services as sessions
    from netpoint.point.stations import services as stations

    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    _station, token = stations.pair(stations.new_pairing_code(cafe["m1"]))
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-station=M01] >> text=Khóa máy")
    return live_server.url, token


def test_the_cashier_pauses_a_station_in_use_and_the_grid_says_so(page, at_the_grid):
    base, token = at_the_grid
    page.click("[data-station=M01] >> text=Khóa máy")
    page.wait_for_selector("#lock-choice")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "grid-lock-choice.png"), full_page=True)
    page.click("#lock-choice >> text=Tạm dừng phiên")
    page.wait_for_selector("[data-station=M01][data-status=paused]")
    assert page.is_visible("text=Đã tạm dừng phiên và khóa máy M01")
    assert page.is_visible("[data-station=M01] >> text=Mở lại")
    page.screenshot(path=str(ARTIFACTS / "grid-station-paused.png"), full_page=True)
    state = station_state(base, token)
    assert (state["state"], state["lock_reason"]) == ("locked", "cashier_paused")


def test_the_cashier_ends_and_bills_a_station_in_use_and_the_grid_awaits_payment(page, at_the_grid):
    base, token = at_the_grid
    page.click("[data-station=M01] >> text=Khóa máy")
    page.click("#lock-choice >> text=Kết thúc và tính tiền")
    page.wait_for_selector("[data-station=M01][data-status=awaiting_payment]")
    assert page.is_visible("text=Đã kết thúc phiên và khóa máy M01")
    assert page.is_visible("[data-station=M01] >> text=Thu tiền")
    page.screenshot(path=str(ARTIFACTS / "grid-station-ended-by-lock.png"), full_page=True)
    assert station_state(base, token)["state"] == "locked"
    page.click("[data-station=M01] >> text=Thu tiền")  # straight to the payment step
    page.wait_for_selector("#id_received")
    assert page.is_visible("text=Khách đưa (VND)")
