"""In Chromium, each provider role logs in as its user would, lands on its home (the nav door's
homes) and does its main task there; each landing page is photographed
(test-artifacts/home-<role>.png, copied to docs/screenshots/)."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pyotp
import pytest
from django.contrib.auth.models import Group

from netpoint.common.core import clock
from netpoint.common.identity.fake import fake_person
from netpoint.conftest import ARTIFACTS
from netpoint.provider.accounts import services as accounts
from netpoint.provider.authority import services as authority
from netpoint.provider.authority.models import Member, Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-rat-dai-1"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def base(live_server, settings):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    return live_server.url


def user(django_user_model, name: str, *roles: str):
    account = django_user_model.objects.create_user(name, password=PASSWORD)
    account.groups.add(*Group.objects.filter(name__in=roles))
    return account


def log_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def photograph(page, role: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{role}.png"), full_page=True)


@pytest.fixture
def letter_of_police(django_user_model, provider_point):
    """`letter_of_police(number)`: a letter of Hà Nội's police about point HN-0001, registered
    by its investigator "dieutra" and waiting for a decision."""
    point = provider_point("HN-0001")
    police = Organisation.objects.create(name="Công an TP Hà Nội", kind="police", province_code=1)
    investigator = user(django_user_model, "dieutra", "authority_user")
    Member.objects.create(user=investigator, organisation=police)
    return lambda number: police_letter(police, investigator, point, number)


def police_letter(police, registrant, point, number: str):
    now = clock.now()
    return authority.register(
        police,
        registrant,
        {
            "document_number": number,
            "document_date": now.date(),
            "issuing_body": "Công an TP Hà Nội",
            "signer": "Đại tá Người Ký Thử",
            "subject": "Đề nghị cung cấp thông tin người sử dụng dịch vụ",
            "legal_basis": "Nghị định 147/2024/NĐ-CP",
            "point_codes": [point.code],
            "time_from": now - timedelta(days=10),
            "time_to": now,
            "valid_until": now + timedelta(days=7),
        },
    )


def test_provider_staff_land_on_the_points_and_open_one(
    base, page, django_user_model, provider_point
):
    provider_point("HN-0001", name="Quán Net Hoa Sen")
    user(django_user_model, "nhanvien", "provider_admin")
    log_in(page, base, "nhanvien")
    page.wait_for_selector("h1:text('Điểm truy nhập')")
    assert page.url == f"{base}/diem/"
    assert page.get_attribute("header nav a[aria-current]", "href") == "/diem/"
    photograph(page, "staff")
    page.click("text=HN-0001")
    page.wait_for_selector("h1:has-text('HN-0001')")
    assert "Quán Net Hoa Sen" in page.text_content("main")


def test_the_approving_officer_logs_in_with_a_code_and_approves_with_a_confirmation(
    base, page, django_user_model, letter_of_police
):
    letter_of_police("123/CAHN-PA05")
    officer = user(django_user_model, "pheduyet", "approving_officer")
    secret = pyotp.random_base32()
    # Turned on with the code of the step before now, so that the login's code is a new one.
    steps = pyotp.TOTP(secret)
    now_step = int(clock.now().timestamp()) // steps.interval
    assert accounts.enable(officer, secret, steps.generate_otp(now_step - 1))

    log_in(page, base, "pheduyet")
    page.wait_for_selector("text=Mã xác thực (6 chữ số)")
    page.fill("#id_code", steps.now())
    page.click("button:text('Xác nhận')")
    page.wait_for_selector("h1:text('Văn bản chờ phê duyệt')")
    assert page.url == f"{base}/van-ban/?trang-thai=cho-duyet"
    photograph(page, "approving-officer")

    page.click("text=123/CAHN-PA05")
    page.check("input[name=approve][value='1']")
    page.click("button:text('Tiếp tục')")
    asked = page.text_content("#confirm-decision")
    assert "Bạn phê duyệt văn bản 123/CAHN-PA05 của Công an TP Hà Nội" in asked
    assert page.text_content("#status").strip() == "Chờ phê duyệt"
    page.click("button:text('Xác nhận phê duyệt')")
    page.wait_for_selector("text=Đã ghi quyết định.")
    assert page.text_content("#status").strip() == "Đã phê duyệt"


def test_an_authority_user_registers_a_request_and_sees_it_listed(
    base, page, django_user_model, letter_of_police
):
    letter_of_police("12/CAHN-PA05")
    somebody = fake_person(random.Random(26))
    now = datetime.now(UTC).replace(microsecond=0)

    def local(moment):
        return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")

    log_in(page, base, "dieutra")
    page.wait_for_selector("h1:text('Văn bản yêu cầu cung cấp thông tin')")
    assert page.url == f"{base}/van-ban/"
    assert "12/CAHN-PA05" in page.text_content("table")
    photograph(page, "authority-user")

    page.click("summary:text('Văn bản yêu cầu')")
    page.click("header >> text=Đăng ký văn bản mới")
    page.fill("#id_document_number", "77/CAHN-PA05")
    page.fill("#id_document_date", now.astimezone(VIETNAM).strftime("%Y-%m-%d"))
    page.fill("#id_issuing_body", "Công an TP Hà Nội")
    page.fill("#id_signer", "Đại tá Người Ký Thử")
    page.fill("#id_subject", "Đề nghị cung cấp thông tin người sử dụng dịch vụ")
    page.fill("#id_legal_basis", "Nghị định 147/2024/NĐ-CP")
    page.fill("#id_id_numbers", somebody.cccd)
    page.fill("#id_time_from", local(now - timedelta(days=10)))
    page.fill("#id_time_to", local(now))
    page.fill("#id_valid_until", local(now + timedelta(days=7)))
    page.click("main button:text('Đăng ký')")
    page.wait_for_selector("text=Đã đăng ký văn bản; chờ phê duyệt.")
    page.click("a.brand")
    page.wait_for_selector("h1:text('Văn bản yêu cầu cung cấp thông tin')")
    row = page.text_content("table tbody tr")
    assert "77/CAHN-PA05" in row and "Chờ phê duyệt" in row


def test_a_provincial_department_lands_on_its_province_dashboard(
    base, page, django_user_model, provider_point
):
    provider_point("HN-0001", name="Quán Net Số 1")
    department = Organisation.objects.create(
        name="Sở Thông tin và Truyền thông Hà Nội", kind="ict", province_code=1
    )
    Member.objects.create(user=user(django_user_model, "sohanoi"), organisation=department)
    log_in(page, base, "sohanoi")
    page.wait_for_selector("#area")
    assert page.url == f"{base}/giam-sat/"
    assert page.text_content("#area") == "Thành phố Hà Nội"
    menu = page.text_content("header nav")
    assert "Giám sát" in menu and "Điểm truy nhập" not in menu
    photograph(page, "province")
    page.click("nav.subnav >> text=Điểm trên địa bàn")
    page.wait_for_selector("text=HN-0001")
    # The registry is the provider's: refused in words, in the site's layout, with a way home.
    answer = page.goto(f"{base}/diem/")
    assert answer.status == 403
    assert page.text_content("main h1") == "Không có quyền truy cập"
    page.screenshot(path=str(ARTIFACTS / "error-403.png"), full_page=True)
    page.click("main >> text=Về trang chính")
    page.wait_for_selector("#area")


def test_the_antispam_operator_lands_on_the_advertisers_and_opens_the_opt_outs(
    base, page, django_user_model, settings
):
    if "antispam" not in settings.NETPOINT_MODULES:
        pytest.skip("the antispam module is not installed")
    user(django_user_model, "chongspam", "antispam_operator")
    log_in(page, base, "chongspam")
    page.wait_for_selector("h1:text('Khách hàng quảng cáo')")
    assert page.url == f"{base}/chong-spam/khach-hang/"
    photograph(page, "antispam-operator")
    page.click("summary:text('Chống thư rác')")
    page.click("header >> text=Yêu cầu từ chối")
    page.wait_for_selector("h1:text('Yêu cầu từ chối')")
    assert page.url == f"{base}/chong-spam/tu-choi/"


def test_the_games_admin_lands_on_the_games_list(base, page, django_user_model, settings):
    if "games" not in settings.NETPOINT_MODULES:
        pytest.skip("the games module is not installed")
    from netpoint.provider.modules.games.models import Game

    Game.objects.create(
        code="tlbb",
        name_original="Thiên Long Bát Bộ",
        name_vi="Thiên Long Bát Bộ",
        kind="Nhập vai",
        origin="Việt Nam",
        age_rating="18+",
        licence_number="12/GP-BTTTT",
    )
    user(django_user_model, "trochoi", "games_admin")
    log_in(page, base, "trochoi")
    page.wait_for_selector("h1:text('Danh mục trò chơi')")
    assert page.url == f"{base}/tro-choi/"
    assert "Thiên Long Bát Bộ" in page.text_content("main table")
    tabs = page.text_content("nav.subnav")
    assert "Tài khoản người chơi" in tabs and "Báo cáo 6 tháng" in tabs
    photograph(page, "games-admin")


def test_the_auditor_reads_the_log_in_words_and_finds_two_factor_in_their_menu(
    base, page, django_user_model
):
    user(django_user_model, "kiemtoan", "auditor")
    log_in(page, base, "kiemtoan")
    page.wait_for_selector("h1:text('Nhật ký kiểm toán')")
    assert "Đăng nhập" in page.text_content("table tbody")
    photograph(page, "auditor")
    page.click("#user-menu summary")
    page.click("#user-menu >> text=Xác thực hai bước")
    page.wait_for_selector("h1:text('Xác thực hai bước')")
