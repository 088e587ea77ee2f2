"""Provider staff register a point in Debian's Chromium and its server enrolls with the code."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from netpoint.conftest import ARTIFACTS
from netpoint.point.uplink import services as uplink
from netpoint.provider.registry.models import Enterprise, Point, PointKey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_register_a_point_and_its_server_enrolls_with_the_code(
    live_server, page, settings, django_user_model
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    Enterprise.objects.create(name="Công ty Viễn thông Thử Nghiệm", tax_code="0100000001")
    staff = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="registry", codename__contains="point")
    )
    base = live_server.url

    page.goto(f"{base}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", "mat-khau-van-hanh-1")
    page.click("button[type=submit]")
    page.click("text=Thêm điểm")
    page.select_option("#id_enterprise", label="Công ty Viễn thông Thử Nghiệm")
    page.fill("#id_code", "HN-0042")
    page.fill("#id_name", "Quán Net Ba Đình")
    page.select_option("#id_point_type", "game")
    page.fill("#id_owner_name", "Chủ Thử Nghiệm")
    page.fill("#id_owner_phone", "0912.345.678")  # as an owner writes it
    page.fill("#id_licence_number", "GP-42/2026")
    page.fill("#id_licence_expires_on", "2030-12-31")
    page.select_option("#id_province_code", "1")
    # The ward is typed without accents and picked from what the page's script offers.
    page.fill("#id_ward_code", "ba dinh")
    page.click("#ward-matches li:text-is('Phường Ba Đình (00004)')")
    page.fill("#id_street_address", "42 Phố Thử")
    page.fill("#id_public_ips_text", "203.0.113.42")
    page.click("button:text('Lưu')")
    page.wait_for_selector("text=Đã lưu điểm HN-0042.")
    assert "Phường Ba Đình, Thành phố Hà Nội" in page.content()
    owner_phone = page.locator("dt:text-is('Điện thoại chủ điểm') + dd")
    expect(owner_phone).to_have_text("0912 345 678")

    page.click("button:text('Cấp mã đăng ký')")
    code = page.text_content("#enrollment-code").strip()
    link = uplink.enroll(base, code)
    assert link.point_code == "HN-0042"
    assert PointKey.objects.get(point=Point.objects.get(code="HN-0042")).revoked_at is None

    page.goto(page.url.rsplit("ma-dang-ky/", 1)[0])
    assert "Đã đăng ký lúc" in page.content()
    assert "enrollment-code" not in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "provider-point.png"), full_page=True)
