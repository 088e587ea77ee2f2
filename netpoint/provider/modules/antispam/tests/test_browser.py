"""In Chromium: a recipient refuses advertising through a signed link and through the public
form; staff enter a phone request, issue a sending system's token and download a report."""

import pytest
from django.contrib.auth.models import Group

from netpoint.provider.modules.antispam import services, unsubscribe
from netpoint.provider.modules.antispam.checks import Check, check_sends
from netpoint.provider.modules.antispam.models import Customer, OptOutRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-rat-dai-7"


def test_recipient_and_staff_pages(live_server, page, settings, django_user_model):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    base = live_server.url
    shop = Customer.objects.create(name="Cửa hàng Thử", brandnames="THUSHOP")

    page.goto(base + unsubscribe.link_path(shop, "email", "ban.doc@vi-du.vn"))
    assert "Cửa hàng Thử" in page.inner_text("main")
    page.click("button[type=submit]")
    page.wait_for_selector("[role=status]")
    assert "Đã nhận yêu cầu từ chối" in page.inner_text("[role=status]")

    page.goto(f"{base}/tu-choi-quang-cao/")
    page.select_option("#id_channel", "email")
    page.fill("#id_address", "khong-phai-dia-chi")
    page.click("button[type=submit]")
    assert "Địa chỉ thư điện tử không hợp lệ" in page.inner_text("[role=alert]")
    page.fill("#id_address", "nguoi.khac@vi-du.vn")
    page.click("button[type=submit]")
    page.wait_for_selector("[role=status]")
    assert OptOutRequest.objects.filter(via="web", status="processed").count() == 2

    staff = django_user_model.objects.create_user("vanhanh", password=PASSWORD)
    staff.groups.add(Group.objects.get(name="antispam_operator"))
    staff.groups.add(Group.objects.get(name="antispam_reporter"))
    page.goto(f"{base}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{base}/chong-spam/tu-choi/moi/")
    page.select_option("#id_channel", "sms")
    page.fill("#id_address", "0912 000 123")
    page.click("button[type=submit]")
    page.wait_for_url("**/chong-spam/tu-choi/")
    assert "Gọi điện thoại" in page.inner_text("table")
    check = Check("sms", "84912000123", "[QC] Khuyến mãi", sender="THUSHOP")
    assert "opted_out" in check_sends(shop, [check])[0].reasons

    page.goto(f"{base}/chong-spam/khach-hang/{shop.pk}/")
    page.fill("#id_label", "Máy gửi SMS")
    page.click("text=Tạo mã truy cập")
    token = page.inner_text("#token")
    assert services.customer_for_token(token) == shop

    page.goto(f"{base}/chong-spam/bao-cao/")
    assert "Lịch nộp báo cáo" in page.inner_text("main")
    page.fill("#id_organisation", "Công ty Tin Nhắn Thử")
    page.fill("#id_address", "1 Phố Thử, Hà Nội")
    page.fill("#id_management_code", "QLTR-01")
    with page.expect_download() as download:
        page.click("text=Tải về")
    assert download.value.suggested_filename.startswith("mau-so-1-")

    page.goto(f"{base}/chong-spam/bao-cao/da-lap/")
    listed = page.inner_text("table")
    assert download.value.suggested_filename in listed and "Báo cáo định kỳ" in listed
