"""The RouterOS driver against a fake router speaking the API's wire protocol on loopback
(fake_routeros.py). No real MikroTik router was used (docs/DEPLOY.md says so)."""

import socket

import pytest

from netpoint.point.gate.allowlist import Entry
from netpoint.point.gate.drivers import DriverError
from netpoint.point.gate.drivers.routeros import RouterOS
from netpoint.point.gate.tests.fake_routeros import FakeRouter

LIST = "netpoint-stations"
A = Entry("192.168.10.11", "02:00:00:00:00:11")
B = Entry("192.168.10.12", "02:00:00:00:00:12")


@pytest.fixture
def router():
    fake = FakeRouter()
    yield fake
    fake.stop()


def driver_for(router: FakeRouter, password: str = "mat-khau-api") -> RouterOS:
    return RouterOS(
        host="127.0.0.1",
        port=router.port,
        username="netpoint",
        password=password,
        address_list=LIST,
        timeout=2,
    )


def held(router: FakeRouter) -> set[tuple[str, str, str]]:
    return {(e["list"], e["address"], e["comment"]) for e in router.entries.values()}


def test_the_driver_logs_in_with_its_name_and_password_in_plain_words(router):
    driver_for(router).read()
    assert router.sentences[0] == ["/login", "=name=netpoint", "=password=mat-khau-api"]


def test_replace_puts_each_allowed_pair_in_the_list_marked_as_netpoints(router):
    driver_for(router).replace(frozenset({A, B}))
    assert held(router) == {
        (LIST, "192.168.10.11", "netpoint 02:00:00:00:00:11"),
        (LIST, "192.168.10.12", "netpoint 02:00:00:00:00:12"),
    }


def test_replace_removes_the_pairs_no_longer_allowed(router):
    driver = driver_for(router)
    driver.replace(frozenset({A, B}))
    driver.replace(frozenset({B}))
    assert held(router) == {(LIST, "192.168.10.12", "netpoint 02:00:00:00:00:12")}


def test_entries_the_operator_made_in_the_same_list_are_left_alone(router):
    router.entry(LIST, "192.168.10.2", "may chu quan")
    driver_for(router).replace(frozenset())
    assert held(router) == {(LIST, "192.168.10.2", "may chu quan")}


def test_entries_of_other_lists_are_left_alone(router):
    router.entry("blacklist", "203.0.113.9", "netpoint 02:00:00:00:00:99")
    driver_for(router).replace(frozenset())
    assert held(router) == {("blacklist", "203.0.113.9", "netpoint 02:00:00:00:00:99")}


def test_apply_removes_an_entry_by_its_id(router):
    driver = driver_for(router)
    driver.replace(frozenset({A, B}))
    (ident,) = [i for i, e in router.entries.items() if e["address"] == A.ip]
    driver.apply(frozenset(), frozenset({A}))
    assert ["/ip/firewall/address-list/remove", f"=.id={ident}"] in router.sentences
    assert {e["address"] for e in router.entries.values()} == {B.ip}


def test_apply_adds_without_touching_what_is_held(router):
    driver = driver_for(router)
    driver.replace(frozenset({A}))
    before = dict(router.entries)
    driver.apply(frozenset({B}), frozenset())
    assert all(router.entries[i] == e for i, e in before.items())
    assert {e["address"] for e in router.entries.values()} == {A.ip, B.ip}


def test_read_gives_the_pairs_back_with_the_mac_from_the_comment(router):
    driver = driver_for(router)
    driver.replace(frozenset({A, B}))
    assert driver.read() == {A, B}


def test_a_station_whose_mac_changed_gets_its_entry_written_again(router):
    driver = driver_for(router)
    driver.replace(frozenset({A}))
    moved = Entry(A.ip, "02:00:00:00:00:99")
    driver.apply(frozenset({moved}), frozenset({A}))
    assert held(router) == {(LIST, A.ip, "netpoint 02:00:00:00:00:99")}


def test_two_pairs_with_one_address_put_it_in_the_list_once(router):
    driver_for(router).replace(frozenset({A, Entry(A.ip, "02:00:00:00:00:99")}))
    assert [e["address"] for e in router.entries.values()] == [A.ip]


def test_a_wrong_password_is_a_driver_error(router):
    with pytest.raises(DriverError, match="invalid user name or password"):
        driver_for(router, password="sai").read()


def test_a_router_that_is_not_listening_is_a_driver_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    driver = RouterOS(host="127.0.0.1", port=port, username="netpoint", password="x", timeout=1)
    with pytest.raises(DriverError):
        driver.replace(frozenset({A}))


def test_after_the_router_restarts_the_driver_connects_again(router):
    driver = driver_for(router)
    driver.replace(frozenset({A}))
    router.stop()
    with pytest.raises(DriverError):
        driver.apply(frozenset({B}), frozenset())
    again = FakeRouter()
    try:
        driver.port = again.port
        driver.replace(frozenset({A, B}))
        assert {e["address"] for e in again.entries.values()} == {A.ip, B.ip}
    finally:
        again.stop()
