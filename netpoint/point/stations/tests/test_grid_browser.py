"""The cashier's grid in Debian's Chromium against a live server: what a session shows (its end
past midnight, a minor, time used, money), the counts, the search, the "Thêm" menu and its
confirmation, the login that expires, the keyboard and the dark theme."""

import re
from datetime import date, timedelta

import pytest

from netpoint.common.core import clock
from netpoint.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DARK_BACKGROUND = "rgb(17, 22, 28)"
LIGHT_BACKGROUND = "rgb(245, 247, 250)"


@pytest.fixture
def cafe_open(cafe):
    from netpoint.point.stations import services as stations

    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    # M01's agent is alive (it reports in); M02 was never switched on.
    stations.pair(stations.new_pairing_code(cafe["m1"]))
    stations.heartbeat(cafe["m1"], "1.0", [])
    stations.record_heartbeats()
    return cafe


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#grid")
    # The shortcuts and the refresh are set up by the scripts at the end of the page.
    page.wait_for_load_state("load")


def years_ago(years: int) -> date:
    today = clock.now().date()
    return today.replace(year=today.year - years) - timedelta(days=2)


def test_a_session_lasting_into_tomorrow_shows_the_date_it_ends(
    live_server, page, cafe_open, cashier, make_member
):
    from netpoint.common.core.policy import local_tz
    from netpoint.point.sessions import services as sessions

    # 150.000 đ at 6.000 đ an hour: 25 hours, so the end is on another day whatever the hour.
    member = make_member(balance=150000)
    session = sessions.check_in(station=cafe_open["m1"], customer=member.customer, kind="member")
    ends = sessions.running_views(clock.now())[cafe_open["m1"].pk]["ends_at"]
    ends = ends.astimezone(local_tz())
    sign_in(page, live_server.url)
    card = page.locator("[data-station=M01]")
    assert card.locator(f"text=đến {ends:%H:%M} ngày {ends:%d/%m}").is_visible()
    assert session.started_at.astimezone(local_tz()).date() != ends.date()


def test_a_minor_in_use_wears_the_under_18_badge_and_an_adult_does_not(
    live_server, page, cafe_open, cashier, make_customer
):
    from netpoint.point.sessions import services as sessions

    minor = make_customer(date_of_birth=years_ago(17))
    sessions.check_in(station=cafe_open["m1"], customer=minor, kind="walk_in")
    sessions.check_in(station=cafe_open["m2"], customer=make_customer(), kind="walk_in")
    sign_in(page, live_server.url)
    assert page.locator("[data-station=M01] >> text=Dưới 18").is_visible()
    assert page.locator("[data-station=M02] >> text=Dưới 18").count() == 0


def test_a_station_in_use_shows_the_time_used_and_the_money_so_far(
    live_server, page, cafe_open, cashier, make_customer
):
    from netpoint.common.core.clock import FakeClock
    from netpoint.point.sessions import services as sessions

    # Checked in 2 h 05 min 2 s ago: the page has 58 s before the minute turns.
    with clock.use(FakeClock(clock.now() - timedelta(hours=2, minutes=5, seconds=2))):
        sessions.check_in(station=cafe_open["m1"], customer=make_customer(), kind="walk_in")
    sign_in(page, live_server.url)
    card = page.locator("[data-station=M01]")
    assert card.locator("text=Đã dùng: 2 giờ 05 phút").is_visible()
    charge = card.locator(".charge").inner_text()
    # 2 h 05 min at 6.000 đ an hour: some 12.500 đ, written with a dot between thousands.
    assert re.fullmatch(r"Tạm tính: 12\.\d{3} đ", charge), charge


def test_the_counts_above_the_grid_add_up_the_stations_by_state(
    live_server, page, cafe_open, cashier, make_customer
):
    from netpoint.point.sessions import services as sessions

    sessions.check_in(station=cafe_open["m1"], customer=make_customer(), kind="walk_in")
    sign_in(page, live_server.url)
    counts = {
        key: page.inner_text(f"[data-count={key}]")
        for key in ("free", "in_use", "awaiting_payment", "lost", "off")
    }
    assert counts == {
        "free": "0 Trống",
        "in_use": "1 Đang dùng",
        "awaiting_payment": "0 Chờ thanh toán",
        "lost": "0 Mất kết nối",
        "off": "1 Tắt",
    }


def test_the_search_shows_only_the_cards_of_the_customer_typed_without_accents(
    live_server, page, cafe_open, cashier, make_customer
):
    from netpoint.point.sessions import services as sessions

    customer = make_customer()
    customer.full_name = "Nguyễn Thị Đào"
    customer.save(update_fields=["full_name"])
    sessions.check_in(station=cafe_open["m1"], customer=customer, kind="walk_in")
    sign_in(page, live_server.url)
    page.fill("#grid-search", "nguyen thi dao")
    assert page.is_visible("[data-station=M01]")
    assert page.is_hidden("[data-station=M02]")
    # The filter holds through the grid's next refresh.
    with page.expect_response(lambda r: "/stations/grid/" in r.url):
        pass
    page.wait_for_timeout(200)
    assert page.is_hidden("[data-station=M02]")
    page.fill("#grid-search", "m02")
    assert page.is_visible("[data-station=M02]")
    assert page.is_hidden("[data-station=M01]")


def test_maintenance_unlock_is_in_the_more_menu_and_asks_first(
    live_server, page, cafe_open, cashier
):
    sign_in(page, live_server.url)
    card = page.locator("[data-station=M02]")
    unlock = card.locator("text=Mở khóa bảo trì…")
    assert not unlock.is_visible()
    card.locator("summary >> text=Thêm").click()
    unlock.click()
    assert page.is_visible("#confirm >> text=Mở khóa bảo trì máy M02?")
    page.click("#confirm >> text=Hủy")
    page.wait_for_selector("[data-station=M02][data-status=offline]")
    page.locator("[data-station=M02] summary >> text=Thêm").click()
    page.click("[data-station=M02] >> text=Mở khóa bảo trì…")
    page.click("#confirm >> button >> text=Mở khóa bảo trì")
    page.wait_for_selector("[data-station=M02][data-status=maintenance]")
    assert page.is_visible("text=Đã mở khóa bảo trì máy M02.")


def test_a_new_pairing_code_is_in_the_more_menu_and_asks_first(
    live_server, page, cafe_open, cashier
):
    sign_in(page, live_server.url)
    card = page.locator("[data-station=M01]")
    assert not card.locator("text=Ghép máy…").is_visible()
    card.locator("summary >> text=Thêm").click()
    card.locator("text=Ghép máy…").click()
    assert page.is_visible("#confirm >> text=Tạo mã ghép máy mới cho M01?")
    assert page.locator("[data-testid=pairing-code]").count() == 0
    page.click("#confirm >> button >> text=Tạo mã ghép máy")
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", page.inner_text("[data-testid=pairing-code]"))


def test_the_more_menu_stays_open_through_the_refresh(live_server, page, cafe_open, cashier):
    sign_in(page, live_server.url)
    page.locator("[data-station=M02] summary >> text=Thêm").click()
    with page.expect_response(lambda r: "/stations/grid/" in r.url):
        pass
    page.wait_for_timeout(200)
    assert page.is_visible("[data-station=M02] >> text=Mở khóa bảo trì…")


def test_when_the_login_expires_the_whole_page_goes_to_the_login_form(
    live_server, page, cafe_open, cashier
):
    sign_in(page, live_server.url)
    page.context.clear_cookies()
    page.wait_for_url(re.compile(r"/login/\?next=%2F$"))
    assert page.is_visible("#id_username")
    assert page.locator("#grid").count() == 0


def test_slash_focuses_the_search(live_server, page, cafe_open, cashier):
    sign_in(page, live_server.url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "grid-search"
    assert page.input_value("#grid-search") == ""


def test_c_opens_check_in_on_the_first_free_station_with_its_first_field_focused(
    live_server, page, cafe_open, cashier
):
    sign_in(page, live_server.url)
    page.keyboard.press("c")
    page.wait_for_url(re.compile(r"/stations/\d+/check-in/$"))
    assert page.is_visible("h1 >> text=Mở máy M01")
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT")


def test_f3_opens_the_customer_search_with_its_field_focused(live_server, page, cafe_open, cashier):
    sign_in(page, live_server.url)
    page.keyboard.press("F3")
    page.wait_for_url(re.compile(r"/customers/$"))
    assert page.evaluate("document.activeElement.id") == "q"


def test_the_grid_is_dark_by_default_and_the_light_theme_is_remembered(
    live_server, page, cafe_open, cashier, make_customer, make_member
):
    from netpoint.point.sessions import services as sessions

    minor = make_customer(date_of_birth=years_ago(16))
    sessions.check_in(station=cafe_open["m1"], customer=minor, kind="walk_in")
    member = make_member(balance=150000)
    sessions.check_in(station=cafe_open["m2"], customer=member.customer, kind="member")
    sign_in(page, live_server.url)
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == DARK_BACKGROUND
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "cashier-grid-dark.png"), full_page=True)
    page.click("#theme-toggle >> text=Giao diện sáng")
    assert page.evaluate(background) == LIGHT_BACKGROUND
    page.reload()
    assert page.evaluate(background) == LIGHT_BACKGROUND
    assert page.is_visible("#theme-toggle >> text=Giao diện tối")
    page.screenshot(path=str(ARTIFACTS / "cashier-grid-light.png"), full_page=True)


def test_a_page_printed_from_the_dark_theme_is_dark_ink_on_white(
    live_server, page, cafe_open, cashier
):
    sign_in(page, live_server.url)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(28, 36, 48)"
