"""The gateways the point keeps in step, behind one small protocol: the keeper
(netpoint.point.gate.keeper) neither knows nor cares which one it drives."""

from typing import Protocol

from netpoint.point.gate.allowlist import Entry, normal_ipv4, normal_mac
from netpoint.point.gate.conf import GateSettings


class DriverError(Exception):
    """The gateway could not be reached or refused the change; what it holds is unknown."""


class Driver(Protocol):
    def apply(self, add: frozenset[Entry], remove: frozenset[Entry]) -> None:
        """Let `add` out and stop `remove`, all at once or not at all where the gateway can."""

    def read(self) -> set[Entry]:
        """What the gateway lets out now (entries without a station)."""

    def replace(self, entries: frozenset[Entry]) -> None:
        """Make the gateway hold exactly `entries` (and the rules that use them)."""


def checked(entry: Entry) -> Entry:
    """`entry` if its address and MAC are in the written form the gateways are given: what goes
    into a ruleset or an API word must never carry anything else."""
    if normal_ipv4(entry.ip) != entry.ip or normal_mac(entry.mac) != entry.mac:
        raise ValueError("not a normal IPv4 address and MAC pair")
    return entry


def from_settings(settings: GateSettings) -> Driver | None:
    """The driver the settings name; None for "none" (the gateway is left alone)."""
    if settings.driver == "nftables":
        from netpoint.point.gate.drivers.nftables import Nftables

        return Nftables(
            command=settings.command,
            set_name=settings.set_name,
            lan_interface=settings.lan_interface,
            always_allowed=settings.always_allowed,
            timeout=settings.timeout_seconds,
        )
    if settings.driver == "routeros":
        from netpoint.point.gate.drivers.routeros import RouterOS

        return RouterOS(
            host=settings.host,
            port=settings.port,
            username=settings.username,
            password=settings.password,
            address_list=settings.address_list,
            timeout=settings.timeout_seconds,
        )
    return None
