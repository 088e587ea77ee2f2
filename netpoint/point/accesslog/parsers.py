"""The gateway's log lines turned into access entries: pure functions, no database, no clock.

An entry is (unix seconds, client IP, destination, port): who asked for what, when. A parser
returns an entry, IGNORED for a well-formed line that records no access (a dnsmasq reply, a
Squid denial), or None for a line it cannot read, which the caller counts. Plain string
operations come before any regular expression: these run for every line the gateway writes.

Formats:
- dnsmasq with `log-queries` (and `log-queries=extra`), in its own log file or via syslog:
  `Mar 10 10:00:01 dnsmasq[512]: query[A] zalo.me from 192.168.1.21`
- Squid's native access.log:
  `1773111601.123    152 192.168.1.21 TCP_TUNNEL/200 3918 CONNECT zalo.me:443 - HIER_DIRECT/...`
- syslog RFC 3164 (`<134>Mar 10 10:00:01 host tag[pid]: message`) and RFC 5424
  (`<134>1 2026-03-10T03:00:01.5Z host app procid msgid [sd] message`) carrying either of the
  above, or a router's firewall/NAT line in netfilter's LOG format (`... SRC=192.168.1.21
  DST=203.0.113.5 ... PROTO=TCP SPT=50000 DPT=443`), as OpenWrt, DD-WRT and most Linux-based
  routers write it.
"""

import calendar
import ipaddress
from datetime import datetime, timedelta, tzinfo

IGNORED = ()
MONTHS = {m: i for i, m in enumerate(calendar.month_abbr) if m}
SCHEMES = {"http": 80, "https": 443, "ftp": 21, "ws": 80, "wss": 443}
# Squid result codes that mean the client was refused: nothing was reached.
REFUSED = ("TCP_DENIED", "NONE_NONE", "TAG_NONE")


class Stamps:
    """Turns the timestamps of log lines into unix seconds, remembering the last few hundred:
    lines come many to a second. RFC 3164 and dnsmasq stamps carry neither year nor zone: they
    are read in the gateway's zone, in the year that puts them closest to `now`."""

    def __init__(self, zone: tzinfo, now: datetime):
        self.zone, self.now = zone, now.astimezone(zone)
        self._seen: dict[str, int | None] = {}

    def bsd(self, text: str) -> int | None:
        """`Mar 10 10:00:01` (day padded with a space or a zero)."""
        at = self._seen.get(text, 0)
        if at == 0:
            at = self._bsd(text)
            if len(self._seen) > 512:
                self._seen.clear()
            self._seen[text] = at
        return at

    def _bsd(self, text: str) -> int | None:
        month = MONTHS.get(text[:3])
        try:
            day, clock = int(text[4:6]), text[7:15]
            hour, minute, second = int(clock[:2]), int(clock[3:5]), int(clock[6:8])
            if month is None or clock[2] != ":" or clock[5] != ":":
                return None
            stamp = datetime(self.now.year, month, day, hour, minute, second, tzinfo=self.zone)
        except ValueError:
            return None
        if stamp - self.now > timedelta(days=2):  # December's lines read in January
            stamp = stamp.replace(year=stamp.year - 1)
        return int(stamp.timestamp())

    def iso(self, text: str) -> int | None:
        """RFC 5424's RFC 3339 time, with its offset (or Z)."""
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            return None
        return int(stamp.timestamp()) if stamp.tzinfo else None


def dnsmasq(line: str, stamps: Stamps):
    """A line of dnsmasq's own log file."""
    if len(line) < 17 or line[15] != " ":
        return None
    body = line.find(": ", 16)
    if body < 0 or not line.startswith("dnsmasq", 16):
        return None
    at = stamps.bsd(line[:15])
    if at is None:
        return None
    return dnsmasq_message(line[body + 2 :], at)


def dnsmasq_message(message: str, at: int):
    """What dnsmasq says after its tag: a `query[TYPE] name from client` is an access; its
    replies, forwards and cache hits are not."""
    start = message.find("query[")
    if start < 0:
        return IGNORED if message else None
    parts = message[start:].split(" ")
    if len(parts) != 4 or parts[2] != "from" or not parts[0].endswith("]"):
        return None
    name, client = parts[1].rstrip(".").lower(), parts[3].rstrip()
    if not name or not _is_ip(client):
        return None
    if parts[0] == "query[PTR]":  # reverse lookups name no destination someone chose
        return IGNORED
    return (at, client, name, 0)


def squid(line: str, _stamps: Stamps | None = None):
    """A line of Squid's native access.log (`logformat squid`)."""
    fields = line.split()
    if len(fields) < 7:
        return None
    try:
        at = int(float(fields[0]))
    except ValueError:
        return None
    client, result, method, url = fields[2], fields[3], fields[5], fields[6]
    if "/" not in result or not _is_ip(client):
        return None
    if result.startswith(REFUSED):
        return IGNORED
    destination = _destination(method, url)
    return (at, client, *destination) if destination else None


def _destination(method: str, url: str) -> tuple[str, int] | None:
    scheme, sep, rest = url.partition("://")
    if sep:
        port = SCHEMES.get(scheme.lower(), 0)
        hostport = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    elif method == "CONNECT":
        port, hostport = 443, url
    else:
        return None
    host, port = _split_port(hostport, port)
    return (host, port) if host else None


def _digits(text: str) -> bool:
    # ASCII only: str.isdigit() also takes "²", which int() refuses.
    return text.isascii() and text.isdigit()


def _split_port(hostport: str, port: int) -> tuple[str, int]:
    if hostport.startswith("["):  # [2001:db8::1]:443
        host, _, tail = hostport[1:].partition("]")
        if tail.startswith(":") and _digits(tail[1:]):
            port = int(tail[1:])
        return host.lower(), port
    host, colon, number = hostport.rpartition(":")
    if colon and _digits(number):
        return host.lower(), int(number)
    return hostport.lower(), port


def netfilter(message: str, at: int):
    """A kernel LOG line: `... SRC=a DST=b ... PROTO=TCP SPT=x DPT=y`. The client is SRC; a
    reply (SRC outside, DST inside) is the same connection seen backwards, not an access."""
    values = {}
    for word in message.split(" "):
        key, eq, value = word.partition("=")
        if eq and key in ("SRC", "DST", "PROTO", "DPT"):
            values[key] = value
    source, destination = values.get("SRC"), values.get("DST")
    if not source or not destination or not _is_ip(source) or not _is_ip(destination):
        return None
    if not ipaddress.ip_address(source).is_private:
        return IGNORED
    port = values.get("DPT", "0")
    return (at, source, destination, int(port) if _digits(port) else 0)


def syslog(packet: str, stamps: Stamps):
    """One syslog message (RFC 3164 or RFC 5424), dispatched on what its sender is."""
    if not packet.startswith("<"):
        return None
    close = packet.find(">", 1, 5)
    if close < 0 or not _digits(packet[1:close]):
        return None
    rest = packet[close + 1 :].rstrip("\r\n")
    if rest.startswith("1 "):
        return _rfc5424(rest[2:], stamps)
    return _rfc3164(rest, stamps)


def _rfc3164(rest: str, stamps: Stamps):
    at = stamps.bsd(rest[:15]) if len(rest) > 16 and rest[15] == " " else None
    if at is None:
        return None
    # HOSTNAME then TAG[pid]: (a sender may leave the host out: then the tag comes first).
    head, colon, message = rest[16:].partition(": ")
    if not colon:
        return None
    words = head.split(" ")
    return _message(words[-1].split("[", 1)[0], message, at)


def _rfc5424(rest: str, stamps: Stamps):
    parts = rest.split(" ", 5)
    if len(parts) < 6:
        return None
    at = stamps.iso(parts[0])
    if at is None:
        return None
    app, structured = parts[2], parts[5]
    if structured.startswith("-"):
        message = structured[2:]
    elif structured.startswith("["):
        end = structured.find("] ")
        while end >= 0 and structured.startswith("[", end + 2):
            end = structured.find("] ", end + 2)
        message = structured[end + 2 :] if end >= 0 else ""
    else:
        return None
    return _message(app, message.removeprefix("\ufeff"), at)


def _message(app: str, message: str, at: int):
    if app == "dnsmasq":
        return dnsmasq_message(message, at)
    if app == "squid":
        return squid(message)
    if "SRC=" in message and "DST=" in message:
        return netfilter(message, at)
    return IGNORED if message else None


_ADDRESSES: set[str] = set()  # valid addresses seen: a café has a few hundred clients


def _is_ip(text: str) -> bool:
    if text in _ADDRESSES:
        return True
    if text.count(".") == 3 and _digits(text.replace(".", "")):
        valid = all(int(octet) < 256 for octet in text.split("."))
    elif ":" in text:
        try:
            ipaddress.IPv6Address(text)
            valid = True
        except ValueError:
            valid = False
    else:
        valid = False
    if valid:
        if len(_ADDRESSES) > 4096:
            _ADDRESSES.clear()
        _ADDRESSES.add(text)
    return valid


PARSERS = {"dnsmasq": dnsmasq, "squid": squid, "syslog": syslog}
