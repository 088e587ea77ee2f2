"""In Chromium: a Sở TT&TT user of Hà Nội sees Hà Nội's points only, cannot open a point of
Hồ Chí Minh City in the page or at the API, and the dashboard is photographed."""

from datetime import UTC, datetime, timedelta

import pytest

from netpoint.conftest import ARTIFACTS
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.monitoring.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_department_sees_only_its_province(
    live_server, page, settings, provider_point, department, customer, session, heartbeat
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    now = datetime.now(UTC).replace(microsecond=0)
    wards = [4, 277, 130, 4, 277, 4]
    for number, ward in enumerate(wards, 1):
        point = provider_point(f"HN-{number:04d}", name=f"Quán Net Số {number}", ward_code=ward)
        for hours_ago in range(24):
            heartbeat(point, now - timedelta(hours=hours_ago, minutes=number), in_use=number)
        person = customer(point, 1, now - timedelta(days=3))
        for local_id in range(1, number + 1):
            session(point, person, local_id, now - timedelta(hours=local_id % 5), minutes=45)
    Violation.objects.create(
        point=point,
        kind="licence_expiring",
        key="b",
        occurred_at=now,
        found_at=now,
        evidence={"state": "expiring"},
    )
    saigon = provider_point("HCM-0001", name="Quán Net An Hội", province_code=79, ward_code=26882)
    heartbeat(saigon, now, in_use=7)
    department("sohanoi", 1)
    base = live_server.url

    page.goto(f"{base}/login/")
    page.fill("#id_username", "sohanoi")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{base}/giam-sat/")
    assert page.text_content("#area") == "Thành phố Hà Nội"
    assert "Phường Bạch Mai" in page.text_content("#wards")
    assert page.locator("svg.chart").count() == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "province-dashboard.png"), full_page=True)

    page.goto(f"{base}/giam-sat/diem/")
    listed = page.text_content("#points")
    assert "HN-0001" in listed and "HN-0006" in listed
    assert "HCM-0001" not in listed
    page.click("text=HN-0003")
    page.wait_for_selector("h1:text('HN-0003')")

    answer = page.goto(f"{base}/giam-sat/diem/{saigon.pk}/")
    assert answer.status == 404
    api = page.request.get(f"{base}/api/v1/monitoring/points/HCM-0001")
    assert api.status == 404
    own = page.request.get(f"{base}/api/v1/monitoring/points/HN-0002")
    assert own.status == 200 and own.json()["stations_in_use"] == 2
