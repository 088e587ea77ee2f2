"""What the café gateway should let out, and what to change to get there. Pure: no database,
no gateway; the keeper (netpoint.point.gate.keeper) feeds it and applies its answer.

A station goes out while a session runs on it or the cashier unlocked it for maintenance, and
only from the IP and MAC it paired with: a station that moved to another address, or another
machine wearing its address, stays behind the gate until the cashier pairs it again.
"""

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MAC = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")


@dataclass(frozen=True)
class Entry:
    """One allowed (IPv4, MAC) pair. The station is what it was let out for; the gateway holds
    only the pair, so two entries are the same whatever station they name."""

    ip: str
    mac: str
    station: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PairedStation:
    station: int
    ip: str | None
    mac: str | None


@dataclass(frozen=True)
class Diff:
    add: frozenset[Entry]
    remove: frozenset[Entry]

    def __bool__(self) -> bool:
        return bool(self.add or self.remove)


def normal_mac(mac: str | None) -> str | None:
    """`mac` as aa:bb:cc:dd:ee:ff, or None when it is not a unicast MAC address."""
    if not mac:
        return None
    mac = mac.strip().lower().replace("-", ":")
    if not MAC.match(mac) or mac == "00:00:00:00:00:00" or int(mac[:2], 16) & 1:
        return None
    return mac


def normal_ipv4(ip: str | None) -> str | None:
    """`ip` as an IPv4 address, or None: the gateway's set holds IPv4 (IPv6 from the LAN is
    dropped at the gateway)."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return None
    if address.version != 4 or address.is_unspecified or address.is_multicast:
        return None
    return str(address)


def entry_of(station: PairedStation) -> Entry | None:
    ip, mac = normal_ipv4(station.ip), normal_mac(station.mac)
    return Entry(ip, mac, station.station) if ip and mac else None


def desired(
    stations: Iterable[PairedStation], running: frozenset[int], unlocked: frozenset[int]
) -> frozenset[Entry]:
    """The pairs to let out: of stations with a running session or unlocked for maintenance,
    those whose paired address is whole (a station paired without a MAC stays closed)."""
    allowed = running | unlocked
    entries = (entry_of(s) for s in stations if s.station in allowed)
    return frozenset(e for e in entries if e is not None)


def diff(want: frozenset[Entry], held: frozenset[Entry]) -> Diff:
    return Diff(add=frozenset(want - held), remove=frozenset(held - want))
