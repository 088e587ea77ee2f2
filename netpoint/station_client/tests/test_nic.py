"""The station tells the point the MAC of the card it reaches the point through."""

import os
import subprocess
import sys

import pytest

from netpoint.station_client import nic
from netpoint.station_client.tests import system

LAN = nic.Card("eth0", frozenset({"192.168.1.11"}), "0C-9D-92-AA-BB-01")
WIFI = nic.Card("wlan0", frozenset({"10.0.0.5"}), "0c:9d:92:aa:bb:02")
LOOPBACK = nic.Card("lo", frozenset({"127.0.0.1"}), "00:00:00:00:00:00")


def test_the_mac_is_the_one_of_the_card_holding_the_address_used():
    assert nic.mac_for("10.0.0.5", [LAN, WIFI]) == "0c:9d:92:aa:bb:02"


def test_a_windows_style_mac_is_written_the_usual_way():
    assert nic.mac_for("192.168.1.11", [LAN, WIFI]) == "0c:9d:92:aa:bb:01"


def test_loopback_has_no_mac_to_tell():
    assert nic.mac_for("127.0.0.1", [LOOPBACK]) is None


def test_an_address_on_no_card_has_no_mac():
    assert nic.mac_for("192.168.9.9", [LAN, WIFI]) is None


@pytest.mark.parametrize("text", ["", "0c:9d:92:aa:bb", "zz:9d:92:aa:bb:01", "0c9d92aabb01"])
def test_something_not_a_mac_is_no_mac(text):
    assert nic.normal_mac(text) is None


@pytest.fixture
def station_namespace():
    system.require_root()
    system.require_programs("ip")
    name, mac = f"np-nic-{os.getpid()}", "02:4e:50:00:00:11"
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    run = lambda *args: subprocess.run(args, check=True, capture_output=True)  # noqa: E731
    run("ip", "netns", "add", name)
    try:
        run(
            "ip",
            "-n",
            name,
            "link",
            "add",
            "lan0",
            "address",
            mac,
            "type",
            "veth",
            "peer",
            "name",
            "peer0",
        )
        run("ip", "-n", name, "addr", "add", "10.77.0.11/24", "dev", "lan0")
        run("ip", "-n", name, "link", "set", "lan0", "up")
        run("ip", "-n", name, "link", "set", "lo", "up")
        yield name, mac
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True)


def test_a_station_finds_the_mac_of_its_lan_card_towards_the_point(station_namespace):
    name, mac = station_namespace
    found = subprocess.run(
        [
            "ip",
            "netns",
            "exec",
            name,
            sys.executable,
            "-c",
            "from netpoint.station_client import nic; print(nic.mac_towards('10.77.0.1', 8000))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == mac
