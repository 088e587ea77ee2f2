"""What the cashier's grid raises when enforcement is being got round, in Debian's Chromium:
a free station whose agent went silent, internet traffic with no session, a gateway out of
reach."""

from datetime import timedelta

import pytest

from netpoint.common.core import clock
from netpoint.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alarms(cafe, settings):
    from netpoint.point.accesslog.models import UnattributedAccess
    from netpoint.point.gate import services as gate
    from netpoint.point.stations import services as stations

    # The live server runs on the real clock: an internet agency is open at any hour.
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    now = clock.now()
    stations.pair(stations.new_pairing_code(cafe["m2"]))
    stations.heartbeat(cafe["m2"], "1.0", [])
    stations.record_heartbeats()
    stations.watch_silences(now + timedelta(seconds=30), listening_since=now)
    UnattributedAccess.objects.create(
        minute=now.replace(second=0, microsecond=0),
        address="192.168.1.77",
        service="web",
        destination="video.example.vn",
        port=443,
        count=42,
    )
    settings.NETPOINT_GATE = {"driver": "nftables", "lan_interface": "eth1"}
    gate.record_failure("nft (1): Error: Could not process rule")
    yield
    gate.forget_state()


def test_the_grid_raises_a_silent_free_station_traffic_without_a_session_and_the_gateway(
    live_server, page, cashier, alarms
):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "thungan")
    page.fill("#id_password", "mat-khau-thu-ngan-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#alarms")
    assert page.is_visible("[data-alarm=free_silent] >> text=Máy trống mất kết nối: M02")
    assert page.is_visible(
        "[data-alarm=no_session_access] >> text=Có truy cập Internet khi không có phiên"
    )
    assert page.is_visible("[data-alarm=no_session_access] >> text=địa chỉ lạ 192.168.1.77")
    assert page.is_visible("#gate-state >> text=Không kết nối được cổng mạng (gateway)")
    assert "Error" not in page.inner_text("#gate-state")  # the technical detail is in the log
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "cashier-grid-alarms.png"), full_page=True)
