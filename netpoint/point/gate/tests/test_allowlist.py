"""The pure decision: which (IP, MAC) pairs the gateway lets out, and what to change."""

from netpoint.point.gate.allowlist import (
    Entry,
    PairedStation,
    desired,
    diff,
    normal_ipv4,
    normal_mac,
)

M1 = PairedStation(1, "192.168.10.11", "02:00:00:00:00:11")
M2 = PairedStation(2, "192.168.10.12", "02:00:00:00:00:12")
NONE = frozenset()


def test_a_station_without_a_session_is_not_let_out():
    assert desired([M1, M2], running=NONE, unlocked=NONE) == NONE


def test_a_station_with_a_running_session_is_let_out_from_its_paired_pair():
    assert desired([M1, M2], running=frozenset({1}), unlocked=NONE) == {
        Entry("192.168.10.11", "02:00:00:00:00:11", 1)
    }


def test_a_station_unlocked_for_maintenance_is_let_out():
    assert desired([M1, M2], running=NONE, unlocked=frozenset({2})) == {
        Entry("192.168.10.12", "02:00:00:00:00:12", 2)
    }


def test_a_station_paired_without_a_mac_stays_closed():
    no_mac = PairedStation(3, "192.168.10.13", None)
    assert desired([no_mac], running=frozenset({3}), unlocked=NONE) == NONE


def test_a_station_paired_over_ipv6_stays_closed():
    over_v6 = PairedStation(4, "fe80::1", "02:00:00:00:00:14")
    assert desired([over_v6], running=frozenset({4}), unlocked=NONE) == NONE


def test_a_mac_written_with_dashes_and_capitals_is_the_same_mac():
    shouted = PairedStation(1, "192.168.10.11", "02-00-00-00-00-1A")
    assert desired([shouted], running=frozenset({1}), unlocked=NONE) == {
        Entry("192.168.10.11", "02:00:00:00:00:1a")
    }


def test_a_broadcast_or_multicast_mac_is_not_a_station():
    assert normal_mac("ff:ff:ff:ff:ff:ff") is None
    assert normal_mac("01:00:5e:00:00:01") is None


def test_anything_but_an_address_is_refused_before_it_reaches_a_ruleset():
    assert normal_ipv4("10.0.0.1; flush ruleset") is None
    assert normal_mac("02:00:00:00:00:11 }") is None


def test_entries_are_the_same_whatever_station_they_name():
    assert Entry("192.168.10.11", "02:00:00:00:00:11", 1) == Entry(
        "192.168.10.11", "02:00:00:00:00:11"
    )


def test_the_diff_adds_what_is_wanted_and_not_held():
    want = frozenset({Entry("192.168.10.11", "02:00:00:00:00:11")})
    assert diff(want, NONE).add == want and not diff(want, NONE).remove


def test_the_diff_removes_what_is_held_and_no_longer_wanted():
    held = frozenset({Entry("192.168.10.11", "02:00:00:00:00:11")})
    assert diff(NONE, held).remove == held and not diff(NONE, held).add


def test_the_same_address_with_another_mac_is_removed_and_added():
    held = frozenset({Entry("192.168.10.11", "02:00:00:00:00:11")})
    want = frozenset({Entry("192.168.10.11", "02:00:00:00:00:99")})
    change = diff(want, held)
    assert (change.add, change.remove) == (want, held)


def test_nothing_to_change_is_an_empty_diff():
    held = frozenset({Entry("192.168.10.11", "02:00:00:00:00:11")})
    assert not diff(held, held)
