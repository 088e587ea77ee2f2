"""A MikroTik router through its API (librouteros): an address list the point keeps in step.

Each entry the point adds carries the comment "netpoint <MAC>": the point touches only entries
so marked, leaves the operator's own in the same list alone, and reads back which MAC an entry
was made for. An address list holds addresses only; the MAC half of the pair is bound on the
router by ARP (docs/DEPLOY.md: the LAN's `arp=reply-only` with the DHCP server's `add-arp`)."""

import contextlib

import librouteros
from librouteros.exceptions import LibRouterosError

from netpoint.point.gate.allowlist import Entry, normal_ipv4, normal_mac
from netpoint.point.gate.drivers import DriverError, checked

PATH = ("ip", "firewall", "address-list")
MARK = "netpoint"


class RouterOS:
    def __init__(
        self,
        *,
        host: str,
        port: int = 8728,
        username: str,
        password: str,
        address_list: str = "netpoint-stations",
        timeout: float = 3.0,
    ):
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.address_list = address_list
        self.timeout = timeout
        self._api = None

    def _path(self):
        if self._api is None:
            self._api = librouteros.connect(
                self.host, self.username, self.password, port=self.port, timeout=self.timeout
            )
        return self._api.path(*PATH)

    def _call(self, work):
        """Run `work(path)`; on any failure drop the connection (the next call opens a new
        one) and say the gateway could not be reached."""
        try:
            return work(self._path())
        except (TimeoutError, LibRouterosError, OSError) as failed:
            self.close()
            raise DriverError(f"RouterOS {self.host}:{self.port}: {failed}") from None

    def close(self) -> None:
        api, self._api = self._api, None
        if api is not None:
            with contextlib.suppress(LibRouterosError, OSError):
                api.close()

    def _ours(self, path) -> dict[str, Entry]:
        """The list's entries the point made, by their .id."""
        rows = path.api.rawCmd("/ip/firewall/address-list/print", f"?list={self.address_list}")
        found = {}
        for row in rows:
            comment = str(row.get("comment", ""))
            mark, _, mac = comment.partition(" ")
            if mark != MARK:
                continue
            found[str(row[".id"])] = Entry(normal_ipv4(str(row.get("address"))), normal_mac(mac))
        return found

    def _change(self, path, add: frozenset[Entry], remove: frozenset[Entry] | None) -> None:
        """Remove `remove` (None: every entry of ours not in `add`) and any duplicate, then add
        what is missing of `add`. A list holds an address once: of two pairs with one address
        (two stations paired from it), the first in order goes in."""
        kept: dict[str, Entry] = {}
        stale = []
        for ident, entry in self._ours(path).items():
            unwanted = entry not in add if remove is None else entry in remove
            if unwanted or entry.ip in kept:
                stale.append(ident)
            else:
                kept[entry.ip] = entry
        if stale:
            path.remove(*stale)
        for entry in sorted(add, key=lambda e: (e.ip, e.mac)):
            entry = checked(entry)
            if entry.ip not in kept:
                path.add(list=self.address_list, address=entry.ip, comment=f"{MARK} {entry.mac}")
                kept[entry.ip] = entry

    def apply(self, add: frozenset[Entry], remove: frozenset[Entry]) -> None:
        if add or remove:
            self._call(lambda path: self._change(path, frozenset(add), frozenset(remove)))

    def replace(self, entries: frozenset[Entry]) -> None:
        self._call(lambda path: self._change(path, frozenset(entries), None))

    def read(self) -> set[Entry]:
        return set(self._call(self._ours).values())
