"""In Chromium: a Sở user of Hà Nội sees Hà Nội's points only, cannot open a point of
Hồ Chí Minh City in the page or at the API; the dashboard shows new figures without a reload;
the pages are photographed."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from netpoint.conftest import ARTIFACTS
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.monitoring.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network(settings, provider_point, department, customer, session, heartbeat):
    """Six points in three wards of Hà Nội with a day of heartbeats and today's sessions, one
    point in Hồ Chí Minh City, and the Sở of Hà Nội."""
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    now = datetime.now(UTC).replace(microsecond=0)
    wards = [4, 277, 130, 4, 277, 4]
    points = []
    for number, ward in enumerate(wards, 1):
        point = provider_point(f"HN-{number:04d}", name=f"Quán Net Số {number}", ward_code=ward)
        for hours_ago in range(24):
            heartbeat(point, now - timedelta(hours=hours_ago, minutes=number), in_use=number)
        person = customer(point, 1, now - timedelta(days=3))
        for local_id in range(1, number + 1):
            session(point, person, local_id, now - timedelta(hours=local_id % 5), minutes=45)
        points.append(point)
    Violation.objects.create(
        point=point,
        kind="licence_expiring",
        key="b",
        occurred_at=now,
        found_at=now,
        evidence={"state": "expiring", "expires_on": "20/12/2026", "days_left": 14},
    )
    Violation.objects.create(
        point=point,
        kind="station_silent",
        key="c",
        occurred_at=now,
        found_at=now,
        evidence={"station": "M01"},
    )
    saigon = provider_point("HCM-0001", name="Quán Net An Hội", province_code=79, ward_code=26882)
    heartbeat(saigon, now, in_use=7)
    department("sohanoi", 1)
    return {"hanoi": points, "saigon": saigon}


def log_in(page, base, username="sohanoi"):
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_a_department_sees_only_its_province(live_server, page, network):
    saigon = network["saigon"]
    base = live_server.url

    log_in(page, base)
    page.goto(f"{base}/giam-sat/")
    assert page.text_content("#area") == "Thành phố Hà Nội"
    assert "Phường Bạch Mai" in page.text_content("#wards")
    assert page.locator("svg.chart").count() == 4
    # Every word of every chart is inside its chart, the long kinds of violation too.
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(text => {
                const r = text.getBoundingClientRect();
                return r.left < box.left - 1 || r.right > box.right + 1;
            }).map(text => text.textContent);
        })"""
    )
    assert outside == []
    written = " ".join(page.locator("svg.chart tspan").all_text_contents())
    assert "(nghi vô hiệu hóa phần mềm khóa máy)" in written
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


def test_the_dashboard_shows_new_figures_without_reloading(
    live_server, page, settings, network, heartbeat
):
    settings.NETPOINT_MONITORING = {"dashboard_refresh_seconds": 1}
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/giam-sat/")
    # The last heartbeats (the 1st to the 6th point's) say 1 + 2 + … + 6 stations in use.
    assert page.text_content("#total-in-use") == "21"
    first_read = page.text_content("#read-at")
    assert first_read.startswith("Cập nhật lúc ")
    page.evaluate("window.sameDocument = true")  # gone if the page were loaded again
    heartbeat(network["hanoi"][0], datetime.now(UTC), in_use=10)
    # Polled every second; a busy machine may take a few to answer.
    expect(page.locator("#total-in-use")).to_have_text("30", timeout=15000)
    assert page.evaluate("window.sameDocument") is True
    assert page.text_content("#read-at") != first_read
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "province-dashboard-live.png"), full_page=True)


def test_the_department_prints_the_record_of_a_violation(live_server, page, network, enterprise):
    enterprise.contact_phone = "0243 555 0101"
    enterprise.save()
    night = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=5)

    def hanoi(moment):
        return moment.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M %d/%m/%Y")

    Violation.objects.create(
        point=network["hanoi"][2],
        kind="after_hours",
        key="dem",
        occurred_at=night,
        found_at=night + timedelta(minutes=10),
        evidence={
            "ended_at": hanoi(night + timedelta(minutes=40)),
            "started_at": hanoi(night - timedelta(minutes=30)),
            "session": 7,
            "station": "M03",
            "opens": "08:00",
            "closes": "22:00",
            "minutes_outside": 40,
        },
    )
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/giam-sat/vi-pham/")
    row = page.locator("#violations tr", has_text="Hoạt động ngoài giờ cho phép")
    expect(row).to_contain_text("Quán Net Số 3")
    expect(row).to_contain_text("0243 555 0101")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "violation-list.png"), full_page=True)
    row.get_by_role("link").click()
    page.click("#record")
    expect(page.locator("#record h1")).to_have_text("PHIẾU GHI NHẬN VI PHẠM")
    sheet = page.text_content("#record")
    assert "Phiên số 7 tại điểm" in sheet
    started = hanoi(night - timedelta(minutes=30))
    assert sheet.index(started) < sheet.index(hanoi(night + timedelta(minutes=40)))
    page.screenshot(path=str(ARTIFACTS / "violation-record.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#docx")
    assert download.value.suggested_filename.endswith(".docx")
