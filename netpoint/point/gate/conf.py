"""The café gateway's allow-list (netpoint.point.gate): NETPOINT_GATE overrides any of these.

driver "none" (the default) leaves the gateway alone: the point then enforces nothing at the
network. "nftables": a Linux gateway, driven with `command` (["nft"] on the gateway itself;
["ssh", "root@gateway", "nft"] from another machine). "routeros": a MikroTik router through its
API (librouteros). docs/DEPLOY.md, "Cổng mạng / The café gateway", shows both.
"""

import ipaddress
import re
from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings

DRIVERS = ("none", "nftables", "routeros")
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")
INTERFACE = re.compile(r"^[A-Za-z0-9_.:-]{1,15}$")


@dataclass(frozen=True)
class GateSettings:
    driver: str = "none"
    # How often the desired allow-list is compared with what the gateway holds (seconds).
    interval_seconds: float = 0.3
    # How often what the gateway holds is read back and compared (drift, a gateway that went
    # away while nothing changed), and how often the whole list is written again regardless.
    check_every_seconds: float = 10.0
    reconcile_every_seconds: float = 60.0
    # Waiting between tries while the gateway cannot be reached grows up to this.
    max_backoff_seconds: float = 4.0
    # nftables: the argv that runs nft on the gateway (it reads the ruleset from stdin).
    command: tuple = ("nft",)
    # nftables: the set (and its chain, "<set_name>_forward") in table `inet netpoint`, one per
    # point; the interface the stations are on; addresses that always go out (this server).
    set_name: str = "stations"
    lan_interface: str = ""
    always_allowed: tuple = ()
    # RouterOS: the router's API (8728; 8729 is API-SSL) and a user with the "api" policy.
    host: str = ""
    port: int = 8728
    username: str = ""
    password: str = ""
    address_list: str = "netpoint-stations"
    timeout_seconds: float = 3.0

    def __post_init__(self):
        if self.driver not in DRIVERS:
            raise ValueError(f"driver must be one of {', '.join(DRIVERS)}, not {self.driver!r}")
        if not NAME.match(self.set_name):
            raise ValueError("set_name must be a letter then letters, digits or _ (≤31)")
        if not self.command or not all(isinstance(part, str) for part in self.command):
            raise ValueError("command must be a non-empty list of strings")
        if self.lan_interface and not INTERFACE.match(self.lan_interface):
            raise ValueError("lan_interface must be an interface name")
        for address in self.always_allowed:
            try:
                ipaddress.IPv4Network(address)
            except (ValueError, TypeError):
                raise ValueError(f"always_allowed: {address!r} is not an IPv4 address") from None
        if self.driver == "nftables" and not self.lan_interface:
            # Without it the chain cannot tell the stations' traffic (IPv6 too) from the rest.
            raise ValueError("the nftables driver needs lan_interface")
        if self.driver == "routeros" and not (self.host and self.username):
            raise ValueError("the routeros driver needs host and username")
        if self.interval_seconds <= 0 or self.reconcile_every_seconds <= 0:
            raise ValueError("interval_seconds and reconcile_every_seconds must be positive")


conf = AppSettings(GateSettings, "NETPOINT_GATE")
