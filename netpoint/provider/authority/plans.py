"""Search plans: a search as a user asks it (a kind and a value, a moment) made ready to run
under a written request: the query every finder is asked, and, for an IP and port, the points
it is about."""

import ipaddress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from netpoint.common.sealing.indexes import id_index, key_ring, phone_index
from netpoint.provider.authority import finding
from netpoint.provider.authority.addresses import parse_address
from netpoint.provider.authority.conf import conf
from netpoint.provider.authority.finding import Query
from netpoint.provider.authority.models import WrittenRequest


@dataclass(frozen=True)
class Plan:
    """One search, ready to run: `kind` as the user asked it (finding.SEARCH_KINDS), which
    names it in the audit log; `query`, what the finders are asked (an IP and port that no NAT
    gateway held is asked as its IP)."""

    kind: str
    query: Query
    # The points searched when they are known before the request is asked: the hotspots whose
    # NAT gateway held an IP and port, or none for an IP search that names nothing. The other
    # searches find the points or the person they name in the same statement that reads them.
    points: tuple[int, ...] | None = None

    @property
    def at_hotspots(self) -> bool:
        """An IP and port searched in the NAT logs (or refused for its time before they were
        read)."""
        return self.kind == "ip_port" and self.points is not None


def _longest() -> timedelta:
    """No session lasts longer: what bounds the sessions read back from a search's start."""
    return timedelta(hours=conf().longest_session_hours)


def person_plan(time_from, time_to, *, id_type="", id_number="", phone="", name="") -> Plan:
    ring = key_ring()
    period = (time_from, time_to, _longest())
    if id_number:
        index = id_index(id_type, id_number, ring)
        query = Query("id_number", *period, id_type=id_type, id_number=id_number, index=index)
    elif phone:
        query = Query("phone", *period, phone=phone, index=phone_index(phone, ring))
    else:
        query = Query("name", *period, name=" ".join(name.split()))
    return Plan(query.kind, query)


def station_plan(point_code: str, station: str, at: datetime) -> Plan:
    query = Query("station", at, at, _longest(), point_code=point_code, station=station)
    return Plan("station", query)


def ip_plan(ip: str, at: datetime) -> Plan:
    """The points that use public address `ip` as their own."""
    try:
        address = str(ipaddress.ip_address(ip))
    except ValueError:
        # Names nothing: refused as out of scope.
        return Plan("ip", Query("ip", at, at, _longest()), points=())
    return Plan("ip", Query("ip", at, at, _longest(), address=address))


def ip_port_plan(value: str, at: datetime) -> Plan:
    """Who used public address and port `value` ("IP:port") at `at`: the points some app knows
    behind them (nat: the hotspots whose gateway had given that port to one of their private
    addresses then). Known to none, the points that use the address as their own (the search
    by public IP). A malformed value raises addresses.AddressError."""
    address, port = parse_address(value)
    query = Query("ip_port", at, at, _longest(), address=address, port=port)
    hotspots = finding.points_of(query)
    if not hotspots:
        return replace(ip_plan(address, at), kind="ip_port")
    return Plan("ip_port", query, points=tuple(hotspots))


def plan(request: WrittenRequest, kind: str, value: str, at: datetime | None) -> Plan:
    """A search as a user asks it: `kind` one of finding.SEARCH_KINDS; `value` a CCCD, phone,
    name, "POINT/STATION", IP or "IP:port"; `at` the moment, for stations and IPs. Persons are
    searched over the whole period of the request. A malformed "IP:port" raises
    addresses.AddressError."""
    value = value.strip()
    period = (request.time_from, request.time_to)
    if kind == "id_number":
        return person_plan(*period, id_type="cccd", id_number=value)
    if kind == "phone":
        return person_plan(*period, phone=value)
    if kind == "name":
        return person_plan(*period, name=value)
    if kind == "station":
        code, _slash, station = (part.strip() for part in value.partition("/"))
        return station_plan(code, station, at)
    if kind == "ip_port":
        if not request.time_from <= at <= request.time_to:
            # Refused for its time before the NAT logs are read: whether a binding exists
            # then must not show in the reason.
            parse_address(value)
            return Plan("ip_port", Query("ip_port", at, at, _longest()), points=())
        return ip_port_plan(value, at)
    return ip_plan(value, at)
