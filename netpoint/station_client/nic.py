"""Which network card the station talks to its point server through, and that card's MAC.

The point's gate lets a station out only from the IP and MAC it paired with; the point reads the
MAC from its own neighbour table when it can (the channel), and from what the station says here
when the two are not on one LAN segment. psutil lists the cards on Linux and Windows alike.
"""

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import psutil

NO_MAC = "00:00:00:00:00:00"


@dataclass(frozen=True)
class Card:
    name: str
    addresses: frozenset[str]  # IPv4
    mac: str | None


def cards() -> list[Card]:
    found = []
    for name, addresses in psutil.net_if_addrs().items():
        ipv4 = frozenset(a.address for a in addresses if a.family == socket.AF_INET)
        macs = [a.address for a in addresses if a.family == psutil.AF_LINK]
        found.append(Card(name, ipv4, macs[0] if macs else None))
    return found


def normal_mac(text: str | None) -> str | None:
    """aa:bb:cc:dd:ee:ff, or None for no MAC (loopback's zeros, or something not a MAC)."""
    if not text:
        return None
    mac = text.strip().lower().replace("-", ":")
    parts = mac.split(":")
    if len(parts) != 6 or not all(
        len(p) == 2 and all(c in "0123456789abcdef" for c in p) for p in parts
    ):
        return None
    return None if mac == NO_MAC else mac


def mac_for(local_ip: str, known: list[Card]) -> str | None:
    """The MAC of the card holding `local_ip`."""
    for card in known:
        if local_ip in card.addresses:
            return normal_mac(card.mac)
    return None


def local_ip_towards(host: str, port: int) -> str | None:
    """The address this PC sends from to reach `host` (a UDP connect sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((host, port))
            return probe.getsockname()[0]
    except OSError:
        return None


def mac_towards(host: str, port: int) -> str | None:
    local = local_ip_towards(host, port)
    return mac_for(local, cards()) if local else None


def mac_towards_server(server: str) -> str | None:
    """The MAC of the card that reaches the point server at the URL `server`."""
    url = urlsplit(server)
    return mac_towards(url.hostname or "", url.port or (443 if url.scheme == "https" else 80))
