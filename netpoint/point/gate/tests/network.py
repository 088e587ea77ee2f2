"""A café in network namespaces, for real: a gateway (forwarding, nftables), stations on a
bridged LAN behind it and an "internet" serving HTTP on its own address.

    np-gate-st1 10.99.0.11 ─┐         [np-gate-gw]
    np-gate-st2 10.99.0.12 ─┴─ br0 10.99.0.1 · wan 203.0.113.254 ── 203.0.113.1 [np-gate-net]

Needs root, iproute2, nftables and curl; `missing()` says what is not there.
"""

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

INTERNET = "203.0.113.1"
PORT = 8080
LAN_INTERFACE = "br0"


@dataclass(frozen=True)
class Host:
    netns: str
    ip: str
    mac: str


def missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root (network namespaces)"
    for tool in ("ip", "nft", "curl"):
        if shutil.which(tool) is None:
            return f"needs {tool} (scripts/test-services installs it)"
    return None


def skip_or_fail_without_system() -> None:
    """Skip when the machine lacks a part; under `make test` (NETPOINT_REQUIRE_SYSTEM_TESTS=1)
    fail instead: there a missing part is a broken set-up, not an excuse."""
    reason = missing()
    if reason:
        if os.environ.get("NETPOINT_REQUIRE_SYSTEM_TESTS") == "1":
            pytest.fail(f"enforcement test cannot run: {reason}")
        pytest.skip(reason)


def run(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr.strip()}")
    return done


def in_ns(netns: str, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
    return run("ip", "netns", "exec", netns, *argv, check=check)


def remove_namespace(name: str) -> None:
    if name in run("ip", "netns", "list").stdout.split():
        run("ip", "netns", "delete", name, check=False)


def remove_orphans(base: str = "np-gate-") -> None:
    """Namespaces a killed run left behind: named after a process that is gone."""
    for name in run("ip", "netns", "list").stdout.split():
        owner = name[len(base) :].split("-")[0]
        if name.startswith(base) and owner.isdigit() and not os.path.exists(f"/proc/{owner}"):
            run("ip", "netns", "delete", name, check=False)


class Cafe:
    # Named after this process: two test runs on one machine never share a namespace.
    def __init__(self, prefix: str = f"np-gate-{os.getpid()}", stations: int = 2):
        self.gw, self.net = f"{prefix}-gw", f"{prefix}-net"
        self.stations = [
            Host(f"{prefix}-st{n}", f"10.99.0.{10 + n}", f"02:99:00:00:00:{10 + n:02x}")
            for n in range(1, stations + 1)
        ]
        self.nft_command = ["ip", "netns", "exec", self.gw, "nft"]
        self._server: subprocess.Popen | None = None

    @property
    def names(self) -> list[str]:
        return [self.gw, self.net, *(s.netns for s in self.stations)]

    def up(self, web_root: Path) -> None:
        self.down()  # what an interrupted run left behind
        for name in self.names:
            run("ip", "netns", "add", name)
            in_ns(name, "ip", "link", "set", "lo", "up")
        gw = self.gw
        in_ns(gw, "sysctl", "-qw", "net.ipv4.ip_forward=1")
        in_ns(gw, "ip", "link", "add", LAN_INTERFACE, "type", "bridge")
        in_ns(gw, "ip", "addr", "add", "10.99.0.1/24", "dev", LAN_INTERFACE)
        in_ns(gw, "ip", "link", "set", LAN_INTERFACE, "up")
        for n, station in enumerate(self.stations, start=1):
            port = f"lan{n}"
            run(
                "ip", "link", "add", port, "netns", gw, "type", "veth",
                "peer", "name", "eth0", "netns", station.netns,
            )  # fmt: skip
            in_ns(gw, "ip", "link", "set", port, "master", LAN_INTERFACE, "up")
            self.readdress(station, station.ip, station.mac)
        run(
            "ip", "link", "add", "wan", "netns", gw, "type", "veth",
            "peer", "name", "eth0", "netns", self.net,
        )  # fmt: skip
        in_ns(gw, "ip", "addr", "add", "203.0.113.254/24", "dev", "wan")
        in_ns(gw, "ip", "link", "set", "wan", "up")
        in_ns(self.net, "ip", "addr", "add", f"{INTERNET}/24", "dev", "eth0")
        in_ns(self.net, "ip", "link", "set", "eth0", "up")
        in_ns(self.net, "ip", "route", "add", "10.99.0.0/24", "via", "203.0.113.254")
        (web_root / "index.html").write_text("Internet\n")
        self._server = subprocess.Popen(
            ["ip", "netns", "exec", self.net, sys.executable, "-m", "http.server", str(PORT),
             "--bind", INTERNET, "--directory", str(web_root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while in_ns(self.net, "curl", "-s", "-o", "/dev/null", "--max-time", "1",
                    f"http://{INTERNET}:{PORT}/", check=False).returncode != 0:  # fmt: skip
            if time.monotonic() > deadline:
                raise RuntimeError("the internet's web server did not start")
            time.sleep(0.1)

    def down(self) -> None:
        if self._server is not None:
            self._server.terminate()
            self._server.wait(5)
            self._server = None
        for name in self.names:
            remove_namespace(name)

    def readdress(self, station: Host, ip: str, mac: str) -> None:
        """Give the station's interface this address and MAC (as DHCP or its owner might);
        the gateway forgets what it knew of the old ones."""
        ns = station.netns
        in_ns(ns, "ip", "link", "set", "eth0", "down")
        in_ns(ns, "ip", "link", "set", "eth0", "address", mac)
        in_ns(ns, "ip", "addr", "flush", "dev", "eth0")
        in_ns(ns, "ip", "addr", "add", f"{ip}/24", "dev", "eth0")
        in_ns(ns, "ip", "link", "set", "eth0", "up")
        in_ns(ns, "ip", "route", "add", "default", "via", "10.99.0.1")
        in_ns(self.gw, "ip", "neigh", "flush", "dev", LAN_INTERFACE, check=False)

    def reset(self) -> None:
        """Every station back at its own address; no ruleset on the gateway."""
        for station in self.stations:
            self.readdress(station, station.ip, station.mac)
        in_ns(self.gw, "nft", "delete", "table", "inet", "netpoint", check=False)

    def fetch(self, station: Host, timeout: float = 1.0) -> bool:
        """Whether the station gets the internet's page within `timeout` seconds."""
        done = in_ns(
            station.netns, "curl", "-s", "-o", "/dev/null", "--max-time", f"{timeout}",
            f"http://{INTERNET}:{PORT}/", check=False,
        )  # fmt: skip
        return done.returncode == 0

    def reaches_within(self, station: Host, seconds: float) -> bool:
        """The station fetches the page before `seconds` have passed (tries every ~0.3 s)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self.fetch(station, timeout=min(0.3, max(left, 0.05))):
                return True

    def cut_off_within(self, station: Host, seconds: float) -> bool:
        """A fetch fails before `seconds` have passed, and a patient one (2 s) fails after."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.fetch(station, timeout=0.3):
                return not self.fetch(station, timeout=2.0)
        return False

    def held(self) -> set[tuple[str, str]]:
        """The gateway's set, as (IP, MAC) pairs."""
        from netpoint.point.gate.drivers.nftables import Nftables

        driver = Nftables(command=tuple(self.nft_command), lan_interface=LAN_INTERFACE)
        return {(e.ip, e.mac) for e in driver.read()}
