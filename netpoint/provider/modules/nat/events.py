"""NAT events as bindings opened and closed: from IPFIX records (RFC 8158 information
elements) and from syslog lines of NAT gateways.

IPFIX natEvent values are those of the IANA registry (RFC 8158 section 3): NAT44 session
create 4 / delete 5, address binding create 14 / delete 15, port block allocation 16 /
de-allocation 17. Events that open or close nothing (addresses or ports exhausted, quota
exceeded, thresholds, NAT64) are counted and dropped. Junos releases that still number events
as draft-ietf-behave-ipfix-nat-logging-02 did are not read.

Syslog formats read (one event per bracket or line):
- Junos MS-MPC/MS-MIC port block allocation:
  `JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 203.0.113.7:1024-1535 0x6565f0a1`,
  `..._BLOCK_ACTIVE` (interim: the block is still held) and `..._BLOCK_RELEASE`;
- Cisco IOS XR CGN: `[UserbasedA TCP 10.0.0.5 VRF - 203.0.113.7 - 1024 1535 - -]`,
  `UserbasedW` the withdrawal, `SessionbasedA`/`SessionbasedW` (one port) alike;
- Cisco ASA (messages 305014/305015): `Allocated TCP block of ports for translation from
  inside:10.0.0.5 to outside:203.0.113.7/1024-1535`, `Released ...`.
The event's time is the RFC 5424/RFC 3339 timestamp of the line when it has one, else the
moment the line arrived.
"""

import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from netpoint.provider.modules.nat.ipfix import unsigned

OPEN, CLOSE = "open", "close"

(PROTOCOL, SOURCE_PORT, SOURCE_IPV4, OBSERVATION_SECONDS, OBSERVATION_MILLISECONDS) = (
    4, 7, 8, 322, 323,
)  # fmt: skip
POST_NAT_SOURCE_IPV4, POST_NAPT_SOURCE_PORT, NAT_EVENT = 225, 227, 230
PORT_RANGE_START, PORT_RANGE_END, PORT_RANGE_NUM_PORTS = 361, 362, 364

NAT44_SESSION_CREATE, NAT44_SESSION_DELETE = 4, 5
ADDRESS_BINDING_CREATE, ADDRESS_BINDING_DELETE = 14, 15
PORT_BLOCK_ALLOCATION, PORT_BLOCK_DEALLOCATION = 16, 17
ACTIONS = {
    NAT44_SESSION_CREATE: OPEN,
    NAT44_SESSION_DELETE: CLOSE,
    ADDRESS_BINDING_CREATE: OPEN,
    ADDRESS_BINDING_DELETE: CLOSE,
    PORT_BLOCK_ALLOCATION: OPEN,
    PORT_BLOCK_DEALLOCATION: CLOSE,
}
PROTOCOLS = {"ICMP": 1, "TCP": 6, "UDP": 17, "GRE": 47, "SCTP": 132}


@dataclass(frozen=True)
class BindingEvent:
    """A binding of `public_ip` ports first..last to `private_ip` opened or closed `at`, as
    told by the NAT device at `device_ip`."""

    action: str
    device_ip: str
    public_ip: str
    port_first: int
    port_last: int
    private_ip: str
    at: datetime
    protocol: int | None = None


def _ipv4(raw: bytes | None) -> str | None:
    return str(ipaddress.IPv4Address(raw)) if raw is not None and len(raw) == 4 else None


def from_ipfix(record: dict, device_ip: str, export_time: int) -> BindingEvent | None:
    """The binding an IPFIX data record opens or closes; None for any other record."""

    def get(element):
        return record.get((0, element))

    action = ACTIONS.get(unsigned(get(NAT_EVENT)))
    private, public = _ipv4(get(SOURCE_IPV4)), _ipv4(get(POST_NAT_SOURCE_IPV4))
    if action is None or private is None or public is None:
        return None
    event = unsigned(get(NAT_EVENT))
    if event in (NAT44_SESSION_CREATE, NAT44_SESSION_DELETE):
        first = last = unsigned(get(POST_NAPT_SOURCE_PORT))
    elif event in (ADDRESS_BINDING_CREATE, ADDRESS_BINDING_DELETE):
        first, last = 0, 65535
    else:
        first = unsigned(get(PORT_RANGE_START))
        last = unsigned(get(PORT_RANGE_END))
        count = unsigned(get(PORT_RANGE_NUM_PORTS))
        if last is None and first is not None and count:
            # A block given by its size; with a step size above one the block's ports are
            # scattered over first..last, which still covers them all.
            last = first + count - 1
    if first is None or last is None or not 0 <= first <= last <= 65535:
        return None
    millis = unsigned(get(OBSERVATION_MILLISECONDS))
    seconds = unsigned(get(OBSERVATION_SECONDS))
    at = millis / 1000 if millis is not None else seconds if seconds is not None else export_time
    try:
        moment = datetime.fromtimestamp(at, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    protocol = unsigned(get(PROTOCOL))
    return BindingEvent(action, device_ip, public, first, last, private, moment, protocol)


IP = r"\d{1,3}(?:\.\d{1,3}){3}"
STAMP = re.compile(
    r"(?:^|[\s>])(?:1 )?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2}))"
)
JUNOS = re.compile(
    rf"JSERVICES_NAT_PORT_BLOCK_(ALLOC|ACTIVE|RELEASE):\s*({IP})\s*->\s*({IP}):(\d+)-(\d+)"
)
IOS_XR = re.compile(
    rf"\[(UserbasedA|UserbasedW|SessionbasedAD?|SessionbasedWD?)\s+(\S+)\s+({IP})\s+\S+\s+\S+"
    rf"\s+({IP})\s+\S+\s+(\d+)\s+(\d+|-)"
)
ASA = re.compile(
    rf"(Allocated|Released) (\w+) block of ports for translation from \S+?:({IP}) to "
    rf"\S+?:({IP})/(\d+)-(\d+)"
)


def line_time(line: str) -> datetime | None:
    """The line's own RFC 3339 timestamp (RFC 5424 header or a file written by rsyslog)."""
    found = STAMP.search(line[:80])
    if not found:
        return None
    try:
        return datetime.fromisoformat(found.group(1).replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


def _checked(event: BindingEvent) -> BindingEvent | None:
    try:
        ipaddress.IPv4Address(event.public_ip)
        ipaddress.IPv4Address(event.private_ip)
    except ValueError:
        return None
    if not 0 <= event.port_first <= event.port_last <= 65535:
        return None
    return event


def from_syslog(line: str, device_ip: str, arrived: datetime) -> list[BindingEvent]:
    """The bindings a syslog line opens or closes (none if it is about something else)."""
    at = line_time(line) or arrived
    found = []
    for match in JUNOS.finditer(line):
        kind, private, public, first, last = match.groups()
        action = CLOSE if kind == "RELEASE" else OPEN
        found.append(BindingEvent(action, device_ip, public, int(first), int(last), private, at))
    for match in IOS_XR.finditer(line):
        kind, protocol, private, public, first, last = match.groups()
        action = OPEN if "basedA" in kind else CLOSE
        last = first if last == "-" else last
        number = PROTOCOLS.get(protocol.upper())
        found.append(
            BindingEvent(action, device_ip, public, int(first), int(last), private, at, number)
        )
    for match in ASA.finditer(line):
        kind, protocol, private, public, first, last = match.groups()
        action = OPEN if kind == "Allocated" else CLOSE
        number = PROTOCOLS.get(protocol.upper())
        found.append(
            BindingEvent(action, device_ip, public, int(first), int(last), private, at, number)
        )
    return [event for event in map(_checked, found) if event is not None]
