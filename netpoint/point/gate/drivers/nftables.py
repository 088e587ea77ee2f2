"""A Linux gateway with nftables: table `inet netpoint`, a set of `ipv4_addr . ether_addr` pairs
per point and a forward chain that drops what the point's LAN sends unless its pair is in the
set. Every change is one `nft -f -` run, one transaction: all of it holds or none of it."""

import json
import subprocess

from netpoint.point.gate.allowlist import Entry, normal_ipv4, normal_mac
from netpoint.point.gate.drivers import DriverError, checked

TABLE = "netpoint"


class Nftables:
    def __init__(
        self,
        *,
        command: tuple = ("nft",),
        set_name: str = "stations",
        lan_interface: str,
        always_allowed: tuple = (),
        timeout: float = 3.0,
    ):
        self.command = list(command)
        self.set_name = set_name
        self.chain = f"{set_name}_forward"
        self.lan_interface = lan_interface
        self.always_allowed = tuple(always_allowed)
        self.timeout = timeout

    def _nft(self, *args: str, script: str | None = None) -> str:
        try:
            done = subprocess.run(  # noqa: S603 - argv from settings, never from a request
                [*self.command, *args],
                input=script,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as failed:
            raise DriverError(f"nft: {failed}") from None
        if done.returncode != 0:
            raise DriverError(f"nft ({done.returncode}): {done.stderr.strip()[:300]}")
        return done.stdout

    def _elements(self, verb: str, entries: frozenset[Entry]) -> str:
        if not entries:
            return ""
        pairs = ", ".join(f"{e.ip} . {e.mac}" for e in sorted(map(checked, entries), key=_key))
        return f"{verb} element inet {TABLE} {self.set_name} {{ {pairs} }}\n"

    def ruleset(self) -> str:
        """The table, set and chain, written again as a whole: what anyone changed in the chain
        is put back. Traffic to the gateway itself (DHCP, DNS) is not forwarded: untouched."""
        lan = f'iifname "{self.lan_interface}"'
        rules = [f"{lan} ip saddr . ether saddr @{self.set_name} accept"]
        if self.always_allowed:
            rules.append(f"{lan} ip saddr {{ {', '.join(self.always_allowed)} }} accept")
        # Everything else from the stations' LAN (unknown stations, IPv6, ARP-less tricks).
        rules.append(f"{lan} drop")
        return (
            f"add table inet {TABLE}\n"
            f"add set inet {TABLE} {self.set_name} {{ type ipv4_addr . ether_addr; }}\n"
            f"add chain inet {TABLE} {self.chain}"
            " { type filter hook forward priority -10; policy accept; }\n"
            f"flush chain inet {TABLE} {self.chain}\n"
            + "".join(f"add rule inet {TABLE} {self.chain} {rule}\n" for rule in rules)
        )

    def replace(self, entries: frozenset[Entry]) -> None:
        script = (
            self.ruleset()
            + f"flush set inet {TABLE} {self.set_name}\n"
            + self._elements("add", entries)
        )
        self._nft("-f", "-", script=script)

    def apply(self, add: frozenset[Entry], remove: frozenset[Entry]) -> None:
        script = self._elements("delete", remove) + self._elements("add", add)
        if script:
            self._nft("-f", "-", script=script)

    def read(self) -> set[Entry]:
        out = self._nft("-j", "list", "set", "inet", TABLE, self.set_name)
        try:
            items = json.loads(out)["nftables"]
            found = set()
            for item in items:
                for element in item.get("set", {}).get("elem", []):
                    ip, mac = (
                        element["concat"]
                        if "concat" in element
                        else element["elem"]["val"]["concat"]
                    )
                    found.add(Entry(normal_ipv4(ip), normal_mac(mac)))
            return found
        except (ValueError, KeyError, TypeError) as bad:
            raise DriverError(f"nft -j: unexpected answer ({bad})") from None


def _key(entry: Entry) -> tuple:
    return tuple(int(part) for part in entry.ip.split(".")), entry.mac
