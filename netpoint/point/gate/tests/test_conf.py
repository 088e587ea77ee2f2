"""NETPOINT_GATE (netpoint.point.gate.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.point.gate.conf import conf
from netpoint.point.gate.drivers import from_settings


def test_by_default_the_gateway_is_left_alone():
    assert conf().driver == "none" and from_settings(conf()) is None


def test_an_unknown_driver_stops_the_server(settings):
    settings.NETPOINT_GATE = {"driver": "iptables"}
    with pytest.raises(ImproperlyConfigured, match="driver must be one of"):
        conf()


def test_nftables_without_the_lan_interface_stops_the_server(settings):
    settings.NETPOINT_GATE = {"driver": "nftables"}
    with pytest.raises(ImproperlyConfigured, match="lan_interface"):
        conf()


def test_the_nft_command_can_run_over_ssh(settings):
    settings.NETPOINT_GATE = {
        "driver": "nftables",
        "lan_interface": "eth1",
        "command": ["ssh", "root@gateway", "nft"],
    }
    assert from_settings(conf()).command == ["ssh", "root@gateway", "nft"]


def test_an_always_allowed_entry_that_is_not_an_address_stops_the_server(settings):
    settings.NETPOINT_GATE = {
        "driver": "nftables",
        "lan_interface": "eth1",
        "always_allowed": ["192.168.1.2 } ; flush ruleset"],
    }
    with pytest.raises(ImproperlyConfigured, match="not an IPv4 address"):
        conf()
