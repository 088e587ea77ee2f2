"""In Chromium: a compliance officer makes the public Wi-Fi report for a period, reads it in
the official layout on the page and downloads the .xlsx; the page is photographed."""

import pytest

from netpoint.conftest import ARTIFACTS
from netpoint.provider.monitoring.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_report_made_on_the_page(live_server, page, settings, staff, provider_point):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    for number, (ward, venue, contract) in enumerate(
        [
            (4, "cafe", "household"),
            (4, "restaurant", "household"),
            (277, "hotel", "organisation"),
            (130, "cafe", "household"),
            (130, "hall", "organisation"),
        ],
        1,
    ):
        provider_point(
            f"WF-{number:04d}",
            point_type="wifi",
            ward_code=ward,
            venue_type=venue,
            contract_type=contract,
        )
    staff("baocao", "compliance_officer")
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "baocao")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base}/bao-cao/")
    page.select_option("#id_kind", "wifi")
    page.fill("#id_period_from", "2026-01-01")
    page.fill("#id_period_to", "2026-12-31")
    page.fill("#id_number", "27/BC-TN")
    page.fill("#id_addressee", "Sở Khoa học và Công nghệ thành phố Hà Nội")
    page.fill("#id_signer_name", "Trần Thị Ký")
    page.click("#generate button[type=submit]")
    page.wait_for_selector("text=Đã lập báo cáo số 27/BC-TN.")
    article = page.text_content("article.official")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in article
    assert "Tổng số điểm truy cập Wi-Fi công cộng: 5 điểm." in article
    assert "Trần Thị Ký" in article
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-page.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=Tải .xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto(f"{base}/bao-cao/lich/")
    assert "Báo cáo số lượng điểm truy nhập Internet, Wi-Fi công cộng" in page.text_content(
        "#calendar"
    )
