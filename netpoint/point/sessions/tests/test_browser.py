"""The cashier's main flow in Debian's Chromium, against a live server."""

import json
import random
import urllib.request
from datetime import date

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def station_state(base_url: str, token: str) -> dict:
    request = urllib.request.Request(
        f"{base_url}/api/station/state", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return json.load(response)


def test_cashier_registers_checks_in_and_out_and_the_ledger_shows_the_charge(
    live_server, page, cafe, cashier
):
    from netpoint.point.stations import services as stations

    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    _station, token = stations.pair(stations.new_pairing_code(cafe["m1"]))
    person = fake_person(random.Random(11), date_of_birth=date(1996, 8, 19))
    base = live_server.url

    page.goto(f"{base}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-station=M01]")

    page.goto(f"{base}/customers/new/")
    page.fill("#id_full_name", person.full_name)
    page.fill("#id_date_of_birth", person.date_of_birth.isoformat())
    page.select_option("#id_gender", person.gender)
    page.select_option("#id_id_type", "cccd")
    page.fill("#id_id_number", person.cccd)
    page.fill("#id_address", person.address)
    page.fill("#id_phone", person.phone)
    page.click("form button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{person.full_name}')")

    page.goto(f"{base}/")
    page.click("[data-station=M01] >> text=Mở máy")
    page.fill("#id_lookup", person.cccd)
    page.select_option("#id_kind", "walk_in")
    page.click("form button[type=submit]")
    page.wait_for_selector(
        "[data-station=M01][data-status=in_use], [data-station=M01][data-status=silent]"
    )

    state = station_state(base, token)
    assert state["state"] == "unlocked"
    assert state["session"]["kind"] == "walk_in"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "cashier-grid.png"), full_page=True)

    page.click("[data-station=M01] >> text=Tắt máy")
    page.click("text=Xác nhận tắt máy")
    charge = page.inner_text("[data-testid=charge]")
    assert charge == "100 đ"  # one started minute at 6,000 VND an hour
    page.click("[data-testid=confirm-payment]")  # the exact amount, in cash
    page.wait_for_selector("[data-testid=receipt-number]")

    assert station_state(base, token)["state"] == "locked"

    page.goto(f"{base}/shift/")
    ledger = page.inner_text("[data-testid=ledger]")
    assert "Thu tiền khách vãng lai" in ledger and "100" in ledger
    assert "Mở máy" in ledger and "Tắt máy" in ledger
