"""An "IP:port" as an authority writes it, read without the NAT logs' module."""

import pytest

from netpoint.provider.authority.addresses import AddressError, parse_address


@pytest.mark.parametrize("value", ["203.0.113.7", "203.0.113.7:", "203.0.113.7:70000", "x:80"])
def test_a_malformed_address_and_port_is_refused(value):
    with pytest.raises(AddressError):
        parse_address(value)


def test_addresses_and_ports_are_read_for_ipv4_and_ipv6():
    assert parse_address(" 203.0.113.7:443 ") == ("203.0.113.7", 443)
    assert parse_address("[2001:db8::1]:443") == ("2001:db8::1", 443)
