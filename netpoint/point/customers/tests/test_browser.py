"""Finding and registering customers as a cashier does it, in Debian's Chromium: the CCCD typed
as the card prints it, names without accents, phone numbers, and the chip CCCD's QR code typed
by a USB scanner."""

import random
from datetime import date

import pytest

from netpoint.common.identity.fake import fake_cccd_qr, fake_person
from netpoint.conftest import ARTIFACTS
from netpoint.point.customers.models import Customer
from netpoint.point.sessions.models import Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISSUED = date(2021, 4, 12)


@pytest.fixture
def desk(live_server, page, cafe, cashier):
    """The cashier signed in at a café open at any hour (the live server runs on the real
    clock); returns the server's address."""
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return live_server.url


def generated(seed: int = 31, gender: str = "male"):
    return fake_person(random.Random(seed), date_of_birth=date(1995, 3, 14), gender=gender)


def register(who, **fields) -> Customer:
    values = {
        "full_name": who.full_name,
        "date_of_birth": who.date_of_birth,
        "gender": who.gender,
        "id_type": "cccd",
        "id_number": who.cccd,
        "address": who.address,
        "phone": who.phone,
    }
    return Customer.objects.create(**(values | fields))


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def search(page, base: str, text: str) -> str:
    page.goto(f"{base}/customers/")
    page.fill("#q", text)
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    return page.inner_text("table")


def test_check_in_with_the_cccd_typed_as_the_card_prints_it_opens_the_station(desk, page, cafe):
    who = generated()
    register(who)
    page.goto(f"{desk}/stations/{cafe['m1'].pk}/check-in/")
    page.fill("#id_lookup", spaced(who.cccd))
    shot(page, "check-in-spaced-cccd")
    page.click("text=Mở máy >> nth=-1")
    page.wait_for_selector("text=Đã mở máy M01.")
    assert Session.objects.get().customer.full_name == who.full_name


def test_the_check_in_form_is_in_vietnamese_and_starts_as_a_walk_in(desk, page, cafe):
    page.goto(f"{desk}/stations/{cafe['m1'].pk}/check-in/")
    form = page.inner_text("form")
    assert "Customer" not in form
    assert page.locator("#id_kind option:checked").inner_text() == "Khách vãng lai"
    assert page.locator("#id_scan").evaluate("el => el === document.activeElement")


def test_search_without_accents_finds_the_accented_name(desk, page):
    register(generated(), full_name="Nguyễn Văn An")
    found = search(page, desk, "nguyen van an")
    shot(page, "search-without-accents")
    assert "Nguyễn Văn An" in found


def test_search_by_the_phone_number_as_people_say_it_finds_the_customer(desk, page):
    who = generated(32)
    register(who)
    local = "0" + who.phone[3:]
    assert who.full_name in search(page, desk, f"{local[:4]} {local[4:7]} {local[7:]}")


def test_a_scanned_cccd_fills_registration_and_registers(desk, page):
    who = generated(33, gender="female")
    page.goto(f"{desk}/customers/new/")
    # The USB scanner types the payload into the focused field, then Enter.
    page.locator("#id_scan").press_sequentially(fake_cccd_qr(who, ISSUED))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Đã đọc thẻ CCCD")
    assert page.input_value("#id_full_name") == who.full_name
    assert page.input_value("#id_id_number") == who.cccd
    assert page.input_value("#id_date_of_birth") == "1995-03-14"
    assert page.input_value("#id_id_issued_on") == "2021-04-12"
    assert page.input_value("#id_gender") == "female"
    # The card has no phone number: the cursor waits there for it.
    assert page.locator("#id_phone").evaluate("el => el === document.activeElement")
    shot(page, "registration-from-cccd-qr")
    page.click("form button:has-text('Đăng ký')")
    page.wait_for_selector(f"h1:has-text('{who.full_name}')")
    assert Customer.objects.get().id_number == who.cccd


def test_a_truncated_scan_shows_the_reason_and_saves_nothing(desk, page):
    payload = fake_cccd_qr(generated(34), ISSUED)
    page.goto(f"{desk}/customers/new/")
    page.locator("#id_scan").press_sequentially(payload[: payload.index("|", 20)])
    page.keyboard.press("Enter")
    message = page.wait_for_selector("text=Mã QR đọc chưa đủ")
    assert message.is_visible()
    shot(page, "registration-truncated-qr")
    assert not Customer.objects.exists()


def test_the_cccd_typed_at_check_in_is_carried_into_registration(desk, page, cafe):
    who = generated(35)
    page.goto(f"{desk}/stations/{cafe['m1'].pk}/check-in/")
    page.fill("#id_lookup", spaced(who.cccd))
    page.click("text=Mở máy >> nth=-1")
    page.wait_for_selector("text=Không tìm thấy khách hàng")
    page.click("form button:has-text('Đăng ký khách mới')")
    page.wait_for_selector("h1:has-text('Đăng ký khách hàng')")
    assert page.input_value("#id_id_number") == who.cccd
    assert page.input_value("#id_id_type") == "cccd"
    shot(page, "registration-from-check-in")
    page.fill("#id_full_name", who.full_name)
    page.fill("#id_date_of_birth", who.date_of_birth.isoformat())
    page.select_option("#id_gender", who.gender)
    page.fill("#id_address", who.address)
    page.click("form button:has-text('Đăng ký')")
    # Back at the station's check-in, the customer just registered chosen.
    page.wait_for_selector(f"strong:has-text('{who.full_name}')")
    assert "/check-in/" in page.url


def test_a_registered_customers_card_scanned_at_check_in_opens_the_station(desk, page, cafe):
    who = generated(36)
    register(who)
    page.goto(f"{desk}/stations/{cafe['m1'].pk}/check-in/")
    page.locator("#id_scan").press_sequentially(fake_cccd_qr(who, ISSUED))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Đã mở máy M01.")
    assert Session.objects.get().customer.full_name == who.full_name


def test_a_new_customers_card_scanned_at_check_in_fills_registration(desk, page, cafe):
    who = generated(37, gender="female")
    page.goto(f"{desk}/stations/{cafe['m1'].pk}/check-in/")
    page.locator("#id_scan").press_sequentially(fake_cccd_qr(who, ISSUED))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Không tìm thấy khách hàng")
    page.click("form button:has-text('Đăng ký khách mới')")
    page.wait_for_selector("text=Đã đọc thẻ CCCD")
    assert page.input_value("#id_full_name") == who.full_name
    assert page.input_value("#id_id_number") == who.cccd
    page.click("form button:has-text('Đăng ký')")
    page.wait_for_selector(f"strong:has-text('{who.full_name}')")
    assert not Session.objects.exists()
