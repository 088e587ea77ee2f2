"""In Chromium: provider staff upload a file of points, read the report of its bad rows, upload
it corrected and see the points created (issue 26)."""

import pytest

from netpoint.conftest import ARTIFACTS
from netpoint.provider.registry.models import Point
from netpoint.provider.registry.tests.test_import import GOOD, SECOND, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_staff_upload_points_read_the_report_and_import_the_corrected_file(
    live_server, page, settings, staff, enterprise
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", "mat-khau-van-hanh-1")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/diem/moi/")
    page.click("#to-import")
    with page.expect_download() as template:
        page.click("#template-xlsx")
    assert template.value.suggested_filename == "mau-nhap-diem.xlsx"

    wrong = SECOND | {"Phường, xã, đặc khu": "khong co", "Giờ mở cửa riêng": "8h"}
    page.set_input_files(
        "#id_file", {"name": "diem.xlsx", "mimeType": XLSX, "buffer": xlsx([GOOD, wrong])}
    )
    page.click("button:text('Tải lên và nhập')")
    page.wait_for_selector("#not-imported")
    assert "Không nhập điểm nào: tệp có 2 lỗi." in page.text_content("#not-imported")
    report = page.locator("#problems tbody tr").all_inner_texts()
    assert report[0].split("\t")[:2] == ["3", "Phường, xã, đặc khu"]
    assert report[1].split("\t")[:2] == ["3", "Giờ mở cửa riêng"]
    assert not Point.objects.exists()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "provider-import-report.png"), full_page=True)

    page.set_input_files(
        "#id_file", {"name": "diem.xlsx", "mimeType": XLSX, "buffer": xlsx([GOOD, SECOND])}
    )
    page.click("button:text('Tải lên và nhập')")
    page.wait_for_selector("#created")
    assert "Đã nhập 2 điểm" in page.text_content("#imported")
    assert page.locator("#created tbody tr").count() == 2
    page.click("#created a:text('HN-0202')")
    assert "Quán Net Hoàn Kiếm" in page.content()
