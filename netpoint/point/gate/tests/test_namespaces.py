"""The gate for real: a gateway with nftables in a network namespace, stations behind it, an
"internet" serving HTTP; the point is a live server whose keeper drives nft in the gateway's
namespace, and the stations' fetches say whether they get out."""

import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
import requests

from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.common.core.policy import local_tz
from netpoint.point.gate import services as gate
from netpoint.point.gate.drivers.nftables import Nftables
from netpoint.point.gate.keeper import GateKeeper
from netpoint.point.gate.tests.network import (
    LAN_INTERFACE,
    Cafe,
    remove_orphans,
    skip_or_fail_without_system,
)
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session
from netpoint.point.sessions.runner import PolicyRunner
from netpoint.point.stations import services as stations

pytestmark = pytest.mark.django_db(transaction=True)

# 10:00 in Ho Chi Minh City on an ordinary Tuesday; the clock runs from there.
MORNING = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cafe_network(tmp_path_factory):
    skip_or_fail_without_system()
    remove_orphans()
    network = Cafe()
    network.up(tmp_path_factory.mktemp("internet"))
    yield network
    network.down()


@pytest.fixture
def point(cafe_network, live_server, cafe, settings, monkeypatch):
    """The point's live server with its policy runner and gate keeper; M01 paired from the
    first station, M02 from the second."""
    from django.db import connections

    # The threads close their connections after each tick: none is left on the test database.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    cafe_network.reset()
    settings.NETPOINT_GATE = {
        "driver": "nftables",
        "command": cafe_network.nft_command,
        "lan_interface": LAN_INTERFACE,
    }
    gate.forget_state()
    st1, st2 = cafe_network.stations
    for station, host in ((cafe["m1"], st1), (cafe["m2"], st2)):
        stations.pair(stations.new_pairing_code(station), mac=host.mac, ip=host.ip)
    with clock_module.use(FakeClock(MORNING, running=True)) as fake:
        keeper = GateKeeper(
            Nftables(command=tuple(cafe_network.nft_command), lan_interface=LAN_INTERFACE)
        )
        runner = PolicyRunner()
        keeper.start()
        runner.start()
        deadline = time.monotonic() + 10
        while gate.state().in_step_at is None:
            assert time.monotonic() < deadline, "the keeper never got the gateway in step"
            time.sleep(0.05)
        yield {"url": live_server.url, "clock": fake, "keeper": keeper, "net": cafe_network}
        for thread in (keeper, runner):
            thread.stop()
            thread.join(10)
    gate.forget_state()


@pytest.fixture
def desk(point, cashier):
    """The cashier, logged in at the point's pages."""
    browser = requests.Session()
    url = point["url"]
    browser.get(f"{url}/login/", timeout=10)
    browser.post(
        f"{url}/login/",
        data={
            "username": "thungan",
            "password": "mat-khau-thu-ngan-1",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=10,
    )

    def post(path: str, **data) -> requests.Response:
        data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"]
        response = browser.post(f"{url}{path}", data=data, timeout=10)
        assert response.status_code == 200, response.status_code
        return response

    def grid() -> str:
        return browser.get(f"{url}/", timeout=10).text

    return {"post": post, "grid": grid}


def check_in(station, customer) -> Session:
    return sessions.check_in(station=station, customer=customer, kind="walk_in")


def local(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute, second, tzinfo=local_tz()).astimezone(UTC)


def test_a_station_without_a_session_cannot_reach_the_internet(point):
    st1, st2 = point["net"].stations
    assert not point["net"].fetch(st1) and not point["net"].fetch(st2)


def test_within_a_second_of_the_cashiers_check_in_the_station_reaches_the_internet(
    point, desk, cafe, make_customer
):
    customer = make_customer()
    desk["post"](f"/stations/{cafe['m1'].pk}/check-in/", lookup=customer.id_number, kind="walk_in")
    assert point["net"].reaches_within(point["net"].stations[0], 1.0)


def test_the_station_next_to_one_in_session_stays_closed(point, cafe, make_customer):
    check_in(cafe["m1"], make_customer())
    st1, st2 = point["net"].stations
    assert point["net"].reaches_within(st1, 1.0)
    assert not point["net"].fetch(st2)


def test_within_two_seconds_of_the_cashiers_check_out_the_station_is_cut_off(
    point, desk, cafe, make_customer
):
    session = check_in(cafe["m1"], make_customer())
    st1 = point["net"].stations[0]
    assert point["net"].reaches_within(st1, 1.0)
    desk["post"](f"/sessions/{session.pk}/check-out/")
    assert point["net"].cut_off_within(st1, 2.0)


def test_when_a_members_money_runs_out_the_station_is_cut_off_within_two_seconds(
    point, cafe, make_member
):
    account = make_member(balance=6000)  # one hour at 6,000 VND an hour
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    st1 = point["net"].stations[0]
    assert point["net"].reaches_within(st1, 1.0)
    point["clock"].advance(timedelta(hours=1))
    assert point["net"].cut_off_within(st1, 2.0)
    assert Session.objects.get().end_reason == "balance"


def test_at_closing_time_the_station_is_cut_off_within_two_seconds(point, cafe, make_customer):
    point["clock"].set(local(21, 59))
    check_in(cafe["m1"], make_customer())
    st1 = point["net"].stations[0]
    assert point["net"].reaches_within(st1, 1.0)
    point["clock"].set(local(22, 0))
    assert point["net"].cut_off_within(st1, 2.0)
    assert Session.objects.get().end_reason == "closing"


def test_when_a_minor_reaches_the_days_limit_the_station_is_cut_off_within_two_seconds(
    point, cafe, make_customer
):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    check_in(cafe["m1"], minor)
    st1 = point["net"].stations[0]
    assert point["net"].reaches_within(st1, 1.0)
    point["clock"].advance(timedelta(minutes=180))
    assert point["net"].cut_off_within(st1, 2.0)
    assert Session.objects.get().end_reason == "minor_limit"


def test_a_station_that_moved_to_another_ip_is_not_let_through(point, cafe, make_customer):
    check_in(cafe["m1"], make_customer())
    net = point["net"]
    st1 = net.stations[0]
    assert net.reaches_within(st1, 1.0)
    net.readdress(st1, "10.99.0.21", st1.mac)
    # Its heartbeats now come from the new address, and the station row follows them.
    stations.heartbeat(cafe["m1"], "test", [], ip="10.99.0.21")
    stations.record_heartbeats()
    cafe["m1"].refresh_from_db()
    assert cafe["m1"].ip == "10.99.0.21"
    assert not net.reaches_within(st1, 1.5)


def test_a_station_whose_mac_changed_is_not_let_through(point, cafe, make_customer):
    check_in(cafe["m1"], make_customer())
    net = point["net"]
    st1 = net.stations[0]
    assert net.reaches_within(st1, 1.0)
    net.readdress(st1, st1.ip, "02:99:00:00:00:77")
    assert not net.reaches_within(st1, 1.5)


def test_a_moved_station_the_cashier_pairs_again_is_let_through(point, cafe, make_customer):
    check_in(cafe["m1"], make_customer())
    net = point["net"]
    st1 = net.stations[0]
    net.readdress(st1, "10.99.0.21", "02:99:00:00:00:77")
    stations.pair(stations.new_pairing_code(cafe["m1"]), mac="02:99:00:00:00:77", ip="10.99.0.21")
    assert net.reaches_within(st1, 1.0)


def test_an_unreachable_gateway_shows_on_the_cashiers_grid(point, desk, cafe, make_customer):
    point["keeper"].driver.command = ["ip", "netns", "exec", "np-gate-missing", "nft"]
    check_in(cafe["m1"], make_customer())
    deadline = time.monotonic() + 2
    while "Không kết nối được cổng mạng" not in (page := desk["grid"]()):
        assert time.monotonic() < deadline, "the grid never said the gateway is unreachable"
        time.sleep(0.1)
    assert re.search(r"Khớp lần cuối lúc \d\d:\d\d:\d\d", page)


def test_when_the_gateway_is_back_it_holds_the_sessions_of_that_moment(
    point, desk, cafe, make_customer
):
    net = point["net"]
    st1, st2 = net.stations
    first = check_in(cafe["m1"], make_customer())
    assert net.reaches_within(st1, 1.0)
    nft = point["keeper"].driver.command
    point["keeper"].driver.command = ["ip", "netns", "exec", "np-gate-missing", "nft"]
    sessions.check_out(first, None)
    check_in(cafe["m2"], make_customer())
    time.sleep(1)  # while the gateway is away, nothing it holds changes
    assert net.held() == {(st1.ip, st1.mac)}
    point["keeper"].driver.command = nft
    deadline = time.monotonic() + 6  # the keeper's longest wait between tries, and some
    while net.held() != {(st2.ip, st2.mac)}:
        assert time.monotonic() < deadline, net.held()
        time.sleep(0.1)
    assert net.reaches_within(st2, 1.0) and not net.fetch(st1)
    assert "Không kết nối được cổng mạng" not in desk["grid"]()
