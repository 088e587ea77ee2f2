"""A public address and port as an authority writes it for a search ("IP:port"): read here,
whether or not the NAT logs' module is installed."""

import ipaddress
from typing import NamedTuple

from django.utils.translation import gettext as _


class AddressError(ValueError):
    pass


class AddressPort(NamedTuple):
    address: str  # normalised
    port: int


def parse_address(value: str) -> AddressPort:
    """ "203.0.113.7:40123" (or "[2001:db8::1]:40123") as the address and the port."""
    text = value.strip()
    host, colon, port = text.rpartition(":")
    if not colon or not (port.isascii() and port.isdigit()) or not 0 <= int(port) <= 65535:
        raise AddressError(_("Ghi địa chỉ IP và cổng, ví dụ 203.0.113.7:40123."))
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise AddressError(_("Ghi địa chỉ IP và cổng, ví dụ 203.0.113.7:40123.")) from None
    return AddressPort(str(address), int(port))
