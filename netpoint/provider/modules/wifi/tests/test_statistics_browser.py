"""In Chromium: an operator narrows the Wi-Fi statistics to a province and a period, reads the
counts, and is told in Vietnamese what is wrong with a reversed period; photographed."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group

from netpoint.conftest import ARTIFACTS
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-dai-thu-nghiem-1"


def test_the_statistics_on_the_page(live_server, page, settings, provider_point, django_user_model):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    hanoi = provider_point("WF-HN", point_type=Point.Type.WIFI, venue_type=Point.Venue.CAFE)
    provider_point("WF-HCM", point_type=Point.Type.WIFI, province_code=79, ward_code=26882)
    services.register_nas(hanoi, "NAS", "10.1.0.1", "bi-mat-dung-chung-thu-nghiem")
    for n, (day, mac) in enumerate(
        [
            (3, "02-00-00-00-00-01"),
            (4, "02-00-00-00-00-01"),
            (5, "02-00-00-00-00-02"),
            (20, "02-00-00-00-00-03"),
        ]
    ):
        RadAcct.objects.create(
            acctsessionid=str(n),
            acctuniqueid=f"b-{n}",
            nasipaddress="10.1.0.1",
            acctstarttime=datetime(2026, 3, day, 5, tzinfo=UTC),
            callingstationid=mac,
        )
    user = django_user_model.objects.create_user("vanhanh", password=PASSWORD)
    user.groups.add(Group.objects.get(name="provider_operator"))
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base}/wifi/thong-ke/")
    page.select_option("#id_province_code", "1")
    page.fill("#id_date_from", "2026-03-01")
    page.fill("#id_date_to", "2026-03-10")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#usage")
    assert "Có 1 điểm Wi-Fi công cộng đang hoạt động." in page.text_content("#total")
    row = page.text_content("#usage tbody tr")
    assert "WF-HN" in row and "Thành phố Hà Nội" in row
    cells = page.locator("#usage tbody tr td").all_text_contents()
    assert cells[-3:] == ["1", "3", "2"]  # NAS, sessions, devices
    assert "02-00-00" not in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "wifi-statistics.png"), full_page=True)
    page.fill("#id_date_from", "2026-03-10")
    page.fill("#id_date_to", "2026-03-01")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("p.error")
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page.text_content("p.error")
    assert page.locator("#usage").count() == 0
