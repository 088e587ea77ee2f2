"""The keeper and what it reads, against the fake RouterOS router (no root needed)."""

import time
from datetime import timedelta

import pytest

from netpoint.point.gate import services
from netpoint.point.gate.allowlist import Entry
from netpoint.point.gate.drivers import from_settings
from netpoint.point.gate.keeper import GateKeeper
from netpoint.point.gate.models import PairedAddress
from netpoint.point.gate.neighbours import parse_arp
from netpoint.point.gate.tests.fake_routeros import FakeRouter
from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services as stations

M1 = ("192.168.10.11", "02:00:00:00:00:11")


@pytest.fixture
def router():
    fake = FakeRouter()
    yield fake
    fake.stop()


@pytest.fixture
def routeros(settings, router):
    settings.NETPOINT_GATE = {
        "driver": "routeros",
        "host": "127.0.0.1",
        "port": router.port,
        "username": "netpoint",
        "password": "mat-khau-api",
        "timeout_seconds": 1.0,
    }
    return router


def pair(station, ip=M1[0], mac=M1[1]):
    return stations.pair(stations.new_pairing_code(station), ip=ip, mac=mac)


def addresses(router) -> set[str]:
    return {e["address"] for e in router.entries.values()}


@pytest.mark.django_db
def test_pairing_keeps_the_address_the_station_paired_from(cafe):
    pair(cafe["m1"])
    kept = PairedAddress.objects.get(station=cafe["m1"])
    assert (kept.ip, kept.mac) == M1


@pytest.mark.django_db
def test_a_heartbeat_from_another_address_does_not_move_the_paired_address(cafe):
    pair(cafe["m1"])
    stations.heartbeat(cafe["m1"], "1.0", [], ip="192.168.10.99")
    stations.record_heartbeats()
    assert PairedAddress.objects.get(station=cafe["m1"]).ip == M1[0]


@pytest.mark.django_db
def test_pairing_again_replaces_the_paired_address(clock, cafe):
    pair(cafe["m1"])
    clock.advance(timedelta(seconds=5))
    pair(cafe["m1"], ip="192.168.10.21", mac="02:00:00:00:00:21")
    kept = PairedAddress.objects.get(station=cafe["m1"])
    assert (kept.ip, kept.mac) == ("192.168.10.21", "02:00:00:00:00:21")


@pytest.mark.django_db
def test_the_wanted_list_holds_a_station_in_session(clock, cafe, make_customer):
    pair(cafe["m1"])
    pair(cafe["m2"], ip="192.168.10.12", mac="02:00:00:00:00:12")
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert services.wanted() == {Entry(*M1)}


@pytest.mark.django_db
def test_a_session_the_cashier_paused_is_off_the_wanted_list_until_resumed(
    clock, cafe, make_customer, cashier
):
    pair(cafe["m1"])
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.pause(session, cashier)
    assert services.wanted() == frozenset()
    sessions.resume(session, cashier)
    assert services.wanted() == {Entry(*M1)}


@pytest.mark.django_db
def test_the_wanted_list_holds_a_station_unlocked_for_maintenance(cafe):
    pair(cafe["m1"])
    stations.set_maintenance(cafe["m1"], True)
    assert services.wanted() == {Entry(*M1)}


@pytest.mark.django_db
def test_an_ended_session_leaves_the_wanted_list(clock, cafe, make_customer, cashier):
    pair(cafe["m1"])
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.check_out(session, cashier)
    assert services.wanted() == frozenset()


def test_the_neighbour_table_gives_complete_entries_only():
    table = (
        "IP address       HW type     Flags       HW address            Mask     Device\n"
        "192.168.10.11    0x1         0x2         02:00:00:00:00:11     *        eth0\n"
        "192.168.10.12    0x1         0x0         00:00:00:00:00:00     *        eth0\n"
    )
    assert parse_arp(table) == {"192.168.10.11": "02:00:00:00:00:11"}


@pytest.mark.django_db(transaction=True)
def test_the_keeper_puts_a_session_on_the_router_and_takes_it_off(
    routeros, clock, cafe, make_customer, cashier
):
    pair(cafe["m1"])
    keeper = GateKeeper(from_settings(services.conf()))
    keeper.start()
    try:
        session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
        wait_until(lambda: addresses(routeros) == {M1[0]}, 1.0)
        sessions.check_out(session, cashier)
        wait_until(lambda: addresses(routeros) == set(), 1.0)
    finally:
        keeper.stop()
        keeper.join(5)


@pytest.mark.django_db(transaction=True)
def test_an_entry_someone_removed_at_the_router_is_put_back(
    routeros, settings, clock, cafe, make_customer
):
    settings.NETPOINT_GATE = settings.NETPOINT_GATE | {"check_every_seconds": 0.5}
    pair(cafe["m1"])
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    keeper = GateKeeper(from_settings(services.conf()))
    keeper.start()
    try:
        wait_until(lambda: addresses(routeros) == {M1[0]}, 1.0)
        routeros.entries.clear()
        wait_until(lambda: addresses(routeros) == {M1[0]}, 2.0)
    finally:
        keeper.stop()
        keeper.join(5)


@pytest.mark.django_db(transaction=True)
def test_a_router_that_went_away_is_told_everything_when_it_is_back(
    routeros, settings, clock, cafe, make_customer
):
    pair(cafe["m1"])
    keeper = GateKeeper(from_settings(services.conf()))
    keeper.start()
    try:
        wait_until(lambda: services.state().in_step_at is not None, 2.0)
        routeros.stop()
        sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
        wait_until(lambda: services.state().failing, 2.0)
        back = FakeRouter()
        keeper.driver.port = back.port
        try:
            wait_until(lambda: addresses(back) == {M1[0]}, 6.0)
            assert not services.state().failing
        finally:
            back.stop()
    finally:
        keeper.stop()
        keeper.join(5)


@pytest.mark.django_db
def test_the_grid_says_when_the_gateway_cannot_be_reached(client, cashier, cafe, settings):
    settings.NETPOINT_GATE = {"driver": "nftables", "lan_interface": "br0"}
    services.record_in_step(0)
    services.record_failure("nft: [Errno 2] No such file or directory")
    client.force_login(cashier)
    page = client.get("/").content.decode()
    assert "Không kết nối được cổng mạng (gateway)" in page
    assert "Khớp lần cuối lúc" in page


@pytest.mark.django_db
def test_the_grid_says_nothing_of_a_gateway_in_step(client, cashier, cafe, settings):
    settings.NETPOINT_GATE = {"driver": "nftables", "lan_interface": "br0"}
    services.record_in_step(3)
    client.force_login(cashier)
    assert "cổng mạng" not in client.get("/").content.decode()


def wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_a_committed_check_in_wakes_the_keeper_before_its_next_round(
    routeros, settings, clock, cafe, make_customer
):
    settings.NETPOINT_GATE = settings.NETPOINT_GATE | {"interval_seconds": 30.0}
    pair(cafe["m1"])
    keeper = GateKeeper(from_settings(services.conf()))
    keeper.start()
    try:
        wait_until(lambda: services.state().in_step_at is not None, 2.0)
        sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
        wait_until(lambda: addresses(routeros) == {M1[0]}, 1.0)
    finally:
        keeper.stop()
        keeper.join(5)
