"""The till as a cashier uses it, in Debian's Chromium against a live server."""

import re
from datetime import timedelta
from pathlib import Path

import pytest

from netpoint.conftest import ARTIFACTS
from netpoint.point.billing import vietqr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[4] / "docs" / "screenshots"
BANK = {
    "bank_bin": "970416",
    "bank_account": "0000000000",
    "bank_account_name": "QUAN NET DEMO",
    "bank_name": "ACB (demo)",
    "bank_is_demo": True,
}


def written(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đ"


@pytest.fixture
def till_page(live_server, page, cafe, cashier):
    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-station=M01]")
    return page


@pytest.fixture
def played(cafe, make_customer):
    """A walk-in on M01 for the last 95 minutes (at 6.000 đ an hour)."""
    from netpoint.common.core import clock
    from netpoint.point.sessions import services
    from netpoint.point.sessions.models import Session

    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    Session.objects.filter(pk=session.pk).update(started_at=clock.now() - timedelta(minutes=95))
    return session


def end_session(page, base: str, session) -> int:
    page.goto(f"{base}/sessions/{session.pk}/check-out/")
    page.click("text=Xác nhận tắt máy")
    page.wait_for_selector("[data-testid=due]")
    return int(page.get_attribute("[data-testid=due]", "data-due"))


def test_cashier_ends_a_session_takes_cash_sees_the_change_and_prints_the_receipt(
    live_server, till_page, played
):
    page = till_page
    due = end_session(page, live_server.url, played)
    assert due >= 9500
    assert page.inner_text("[data-testid=due]") == written(due)
    page.fill("#id_received", "20000")
    assert page.inner_text("[data-testid=change]") == written(20000 - due)
    page.click("[data-testid=confirm-payment]")
    page.wait_for_selector("[data-testid=receipt-number]")
    assert page.inner_text("[data-testid=amount]") == written(due)
    assert page.inner_text("[data-testid=received]") == "20.000 đ"
    assert page.inner_text("[data-testid=change]") == written(20000 - due)
    assert page.inner_text("[data-testid=point-name]") == "Quán Net Thử Nghiệm"
    assert page.is_visible("text=In hóa đơn")
    assert re.fullmatch(r"1 giờ 3\d phút", page.inner_text("[data-testid=duration]"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 360, "height": 720})
    page.screenshot(path=str(ARTIFACTS / "receipt.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "receipt.png"), full_page=True)


def test_cashier_shows_a_vietqr_code_and_confirms_the_transfer(
    live_server, till_page, played, settings
):
    settings.NETPOINT_BILLING = BANK
    page = till_page
    due = end_session(page, live_server.url, played)
    assert not page.is_visible("[data-testid=vietqr]")
    page.check("[data-testid=method-transfer]")
    page.wait_for_selector("[data-testid=vietqr] svg", state="visible")
    assert not page.is_visible("#id_received")
    assert page.is_visible("[data-testid=demo-bank]")
    payload = page.get_attribute("[data-testid=vietqr]", "data-payload")
    tags = vietqr.parse(payload)
    assert tags["54"] == str(due) and vietqr.fields(tags["62"]) == {"08": f"NP S{played.pk}"}
    box = page.locator("[data-testid=vietqr] svg").bounding_box()
    assert box["width"] >= 150 and box["height"] >= 150  # big enough to scan from a phone
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "payment-vietqr.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "payment-vietqr.png"), full_page=True)
    page.click("[data-testid=confirm-payment]")
    page.wait_for_selector("[data-testid=receipt-number]")
    assert page.inner_text("[data-testid=method]") == "Chuyển khoản"
    assert page.inner_text("[data-testid=amount]") == written(due)


def test_cashier_refunds_a_customer_with_a_reason(live_server, till_page):
    page = till_page
    page.goto(f"{live_server.url}/shift/")
    page.click("text=Hoàn tiền")
    page.fill("#id_amount", "5000")
    page.click("button[type=submit]")
    assert page.is_visible("text=Trường này là bắt buộc.")  # no reason given
    page.fill("#id_reason", "Máy M01 treo 20 phút")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đã hoàn tiền.")
    ledger = page.inner_text("[data-testid=ledger]")
    assert "Hoàn tiền cho khách" in ledger and "Máy M01 treo 20 phút" in ledger
    assert "-5.000 đ" in ledger


def test_a_closed_shift_hands_its_counted_cash_to_the_next(
    live_server, till_page, cashier, make_member
):
    from netpoint.point.customers.services import top_up

    page = till_page
    top_up(make_member(balance=0), 160350, cashier)
    page.goto(f"{live_server.url}/shift/")
    totals = page.inner_text("[data-testid=totals]")
    assert "Thu: 160.350 đ" in totals and "Thứ 5" not in totals
    page.fill("#id_counted_cash", "160000")
    page.click("text=Đóng ca")
    page.wait_for_selector("text=Đã đóng ca.")
    page.goto(f"{live_server.url}/shift/")
    assert page.inner_text("[data-testid=opening-cash]") == "160.000 đ"


def test_cashier_tops_up_a_member_in_cash_and_sees_the_change(live_server, till_page, make_member):
    account = make_member(balance=0)
    page = till_page
    page.goto(f"{live_server.url}/customers/{account.customer.pk}/")
    page.fill("#id_amount", "50000")
    page.click("text=Nạp tiền >> nth=-1")
    page.wait_for_selector("[data-testid=due]")
    assert page.inner_text("[data-testid=due]") == "50.000 đ"
    page.fill("#id_received", "100000")
    assert page.inner_text("[data-testid=change]") == "50.000 đ"
    page.click("[data-testid=confirm-payment]")
    page.wait_for_selector("[data-testid=receipt-number]")
    assert page.inner_text("[data-testid=change]") == "50.000 đ"
    page.goto(f"{live_server.url}/customers/{account.customer.pk}/")
    assert page.inner_text("[data-testid=balance]") == "50.000 đ"


def test_the_owner_changes_the_float_of_an_open_shift(
    live_server, page, cashier, django_user_model
):
    from netpoint.point.billing import services as till

    till.current_shift(cashier)  # the cashier is at the till
    django_user_model.objects.create_superuser("chuquan", password="mat-khau-chu-quan-1")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "chuquan")
    page.fill("#id_password", "mat-khau-chu-quan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#user-menu")  # signed in: the user's own menu is there
    page.goto(f"{live_server.url}/shift/")
    page.click("[data-testid=open-shifts] >> text=Sửa tiền đầu ca")
    page.fill("#id_opening_cash", "250000")
    page.click("text=Ghi vào sổ")
    page.wait_for_selector("text=Đã sửa tiền đầu ca.")
    assert page.inner_text("[data-testid=open-shifts]").count("250.000 đ") == 1
