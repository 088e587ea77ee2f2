"""In Chromium: provider staff upload a file of points, read the report of its bad rows, upload
it corrected and see the points created (issue 26)."""

import pytest

from netpoint.conftest import ARTIFACTS
from netpoint.provider.registry.models import Point
from netpoint.provider.registry.tests.test_import import GOOD, SECOND, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_staff_upload_points_read_the_report_and_import_the_corrected_file(
    live_server, staff_page, enterprise
):
    staff_page.goto(f"{live_server.url}/diem/moi/")
    staff_page.click("#to-import")
    with staff_page.expect_download() as template:
        staff_page.click("#template-xlsx")
    assert template.value.suggested_filename == "mau-nhap-diem.xlsx"

    wrong = SECOND | {"Phường, xã, đặc khu": "khong co", "Giờ mở cửa riêng": "8h"}
    staff_page.set_input_files(
        "#id_file", {"name": "diem.xlsx", "mimeType": XLSX, "buffer": xlsx([GOOD, wrong])}
    )
    staff_page.click("button:text('Tải lên và nhập')")
    staff_page.wait_for_selector("#not-imported")
    assert "Không nhập điểm nào: tệp có 2 lỗi." in staff_page.text_content("#not-imported")
    report = staff_page.locator("#problems tbody tr").all_inner_texts()
    assert report[0].split("\t")[:2] == ["3", "Phường, xã, đặc khu"]
    assert report[1].split("\t")[:2] == ["3", "Giờ mở cửa riêng"]
    assert not Point.objects.exists()
    ARTIFACTS.mkdir(exist_ok=True)
    staff_page.screenshot(path=str(ARTIFACTS / "provider-import-report.png"), full_page=True)

    staff_page.set_input_files(
        "#id_file", {"name": "diem.xlsx", "mimeType": XLSX, "buffer": xlsx([GOOD, SECOND])}
    )
    staff_page.click("button:text('Tải lên và nhập')")
    staff_page.wait_for_selector("#created")
    assert "Đã nhập 2 điểm" in staff_page.text_content("#imported")
    assert staff_page.locator("#created tbody tr").count() == 2
    staff_page.click("#created a:text('HN-0202')")
    assert "Quán Net Hoàn Kiếm" in staff_page.content()
