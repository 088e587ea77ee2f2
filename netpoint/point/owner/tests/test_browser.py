"""The owner's pages in Debian's Chromium, against a live server, as the owner uses them."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from netpoint.common.core import clock
from netpoint.common.core.clock import FakeClock
from netpoint.common.core.policy import local_tz
from netpoint.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_cafe(cafe):
    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    return cafe


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("header nav")


def as_owner(page, live_server, owner):
    log_in(page, live_server.url, "chuquan", "mat-khau-chu-quan-1")
    return live_server.url


def test_the_owner_edits_a_customer_and_sees_the_history_line(
    live_server, page, owner, make_customer
):
    customer = make_customer()
    base = as_owner(page, live_server, owner)
    page.click("header nav >> text=Quản lý")
    page.click("text=Khách hàng >> nth=-1")
    page.click(f"text={customer.full_name}")
    page.fill("#id_address", "45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh")
    page.click("text=Lưu")
    page.wait_for_selector("text=Đã lưu thông tin khách hàng.")
    history = page.inner_text("[data-testid=history]")
    assert "Sửa: địa chỉ" in history and "chuquan" in history
    assert page.input_value("#id_address").startswith("45 Nguyễn Huệ")
    assert page.url == f"{base}/chu-quan/khach-hang/{customer.pk}/"


def test_the_owner_makes_a_walk_in_a_member_and_sees_the_password_once(
    live_server, page, owner, make_customer
):
    from netpoint.point.customers.models import MemberAccount

    customer = make_customer()
    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/khach-hang/{customer.pk}/")
    assert page.is_visible("text=Khách vãng lai: chưa có tài khoản hội viên.")
    page.fill("#id_username", "khachquen01")
    page.click("text=Chuyển thành hội viên")
    assert page.inner_text("[data-testid=shown-username]") == "khachquen01"
    password = page.inner_text("[data-testid=shown-password]")
    assert MemberAccount.objects.get(username="khachquen01").check_password(password)
    assert "Chuyển thành hội viên" in page.inner_text("[data-testid=history]")
    page.reload()
    assert not page.is_visible("[data-testid=shown-password]")
    assert password not in page.content()


def test_the_owner_resets_a_members_password(live_server, page, owner, make_member):
    account = make_member(0, username="hoivien7")
    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/khach-hang/{account.customer_id}/")
    page.click("text=Đặt lại mật khẩu")
    password = page.inner_text("[data-testid=shown-password]")
    assert page.inner_text("[data-testid=shown-username]") == "hoivien7"
    account.refresh_from_db()
    assert account.check_password(password) and not account.check_password("mat-khau-hoi-vien")
    assert "Đặt lại mật khẩu hội viên" in page.inner_text("[data-testid=history]")


def test_the_owner_moves_a_running_session_and_the_grid_shows_it_on_the_new_station(
    live_server, page, owner, open_cafe, make_customer
):
    from netpoint.point.sessions import services as sessions

    customer = make_customer()
    sessions.check_in(station=open_cafe["m1"], customer=customer, kind="walk_in")
    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/phien/")
    row = page.locator("[data-session-station=M01]")
    row.locator("select").select_option(label="M02")
    row.locator("text=Chuyển máy").click()
    page.wait_for_selector("text=Đã chuyển phiên sang máy M02.")
    page.goto(f"{base}/")
    card = page.locator("[data-station=M02]")
    card.locator(f"text={customer.full_name}").wait_for()
    assert card.get_attribute("data-status") in ("in_use", "silent")
    assert page.locator("[data-station=M01]").get_attribute("data-status") not in (
        "in_use",
        "silent",
    )


def test_the_owner_changes_a_zone_rate(live_server, page, owner, cafe):
    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/bang-gia/")
    band = page.locator("[data-zone=Thường] [data-band='00:00']")
    band.locator("input[name=hourly_rate]").fill("7500")
    band.locator("text=Lưu giá").click()
    page.wait_for_selector("text=Đã đổi giá.")
    rate = page.inner_text("[data-zone=Thường] [data-band='00:00'] [data-testid=rate]")
    assert rate == "7.500 đ"


def test_the_owner_adds_an_evening_band_to_a_zone(live_server, page, owner, cafe):
    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/bang-gia/")
    zone = page.locator("[data-zone=Thường]")
    zone.locator("input[name=starts_at]").fill("18:00")
    zone.locator("input[name=hourly_rate] >> nth=-1").fill("8000")
    zone.locator("text=Thêm khung giá").click()
    page.wait_for_selector("text=Đã thêm khung giá.")
    assert page.inner_text("[data-zone=Thường] [data-band='18:00'] [data-testid=rate]") == "8.000 đ"


def test_the_dashboard_shows_revenue_with_a_chart_and_the_xlsx_holds_the_totals(
    live_server, page, owner, open_cafe, make_customer, make_member, cashier
):
    from netpoint.point.customers import services as customers
    from netpoint.point.sessions import services as sessions

    start = clock.now() - timedelta(hours=3)
    with clock.use(FakeClock(start)) as fake:
        session = sessions.check_in(
            station=open_cafe["m1"], customer=make_customer(), kind="walk_in"
        )
        fake.advance(timedelta(hours=2, minutes=40))
        sessions.check_out(session, cashier)  # 160 minutes at 6.000 đ an hour
    customers.top_up(make_member(0), 160350, cashier)
    tz = local_tz()
    first = start.astimezone(tz).date()
    last = clock.now().astimezone(tz).date()

    base = as_owner(page, live_server, owner)
    page.goto(f"{base}/chu-quan/")
    page.fill("#id_tu", first.isoformat())
    page.fill("#id_den", last.isoformat())
    page.click("text=Xem")
    page.wait_for_url("**tu=*")
    assert page.inner_text("[data-testid=revenue]") == "16.000 đ"
    assert page.inner_text("[data-testid=top-up-total]") == "160.350 đ"
    assert "Thường\t16.000 đ" in page.inner_text("[data-testid=by-zone]")
    chart = page.locator("[data-testid=chart-by-day] svg")
    assert chart.is_visible()
    assert chart.locator("rect").count() == (last - first).days + 1

    # Copied by hand to docs/screenshots/, as the other pages' screenshots are.
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "owner-dashboard.png"), full_page=True)

    with page.expect_download() as waited:
        page.click("[data-testid=export]")
    book = load_workbook(io.BytesIO(open(waited.value.path(), "rb").read()))  # noqa: SIM115
    assert list(book["Doanh thu theo ngày"].values)[-1] == ("Tổng", 16000)
    assert list(book["Nạp tiền theo ngày"].values)[-1] == ("Tổng", 160350)
    assert list(book["Doanh thu theo khu vực"].values)[1] == ("Thường", 16000)


def test_a_cashier_opening_the_owners_page_sees_a_vietnamese_refusal(live_server, page, cashier):
    log_in(page, live_server.url, "thungan", "mat-khau-thu-ngan-1")
    assert not page.is_visible("header nav >> text=Quản lý")
    answer = page.goto(f"{live_server.url}/chu-quan/")
    assert answer.status == 403
    assert page.is_visible("text=Không có quyền truy cập")
