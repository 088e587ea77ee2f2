"""What a search under a written request asks of the NAT logs (the door:
netpoint.provider.authority.finding): for a public IP and port at a moment, the hotspots whose
gateway had given that port to one of their private addresses (`points`, for the scope), then
who was behind it: binding -> RADIUS session -> device -> the phone its user verified (`find`);
and, for the Wi-Fi sessions another finder found, the public addresses and ports they went out
through (`annotate`).

The NAT logs stand on public Wi-Fi's records (migration 0001 depends on wifi's): they read its
RADIUS sessions, devices and users in SQL (services.SESSIONS_SQL, DURING_SQL), never through its
code, so that the modules stay apart."""

from dataclasses import replace
from datetime import datetime
from typing import NamedTuple

from netpoint.common.core import clock
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.authority.finding import Person, Query, Session
from netpoint.provider.modules.nat.services import behind, held, public_addresses

# The associated data Wi-Fi users' phones are sealed with (wifi.services.PHONE_COLUMN; a test
# holds the two equal), for the phones SESSIONS_SQL reads.
WIFI_PHONE_COLUMN = "wifi_wifiuser.phone"


def points(query: Query) -> list[int]:
    """The hotspots whose NAT gateway held the IP and port at the moment searched."""
    if query.kind != "ip_port" or query.port is None:
        return []
    return [binding.point_id for binding in held(query.address, query.port, query.start)]


def find(query: Query) -> list[Person]:
    """The Wi-Fi users behind the IP and port at the moment, each with the sessions that led to
    them; a binding whose private address had no RADIUS session there shows with no one."""
    if query.kind != "ip_port" or query.port is None:
        return []
    ring = key_ring()
    people: dict[int | None, Person] = {}
    for found in behind(query.address, query.port, query.start):
        if found.user_id not in people:
            phone = unseal(found.phone_sealed, WIFI_PHONE_COLUMN, ring) if found.user_id else ""
            people[found.user_id] = Person("", None, "", "", phone)
        binding = found.binding
        people[found.user_id].sessions.append(
            Session(
                point=binding.point,
                station=found.mac or "",
                started_at=found.started_at or binding.started_at,
                ended_at=found.ended_at if found.session_id else binding.ended_at,
                private_ip=binding.private_ip,
                public_ip=binding.public_ip,
                public_ports=f"{binding.port_first}-{binding.port_last}",
                radius_session=found.session_id or "",
            )
        )
    return list(people.values())


class RadiusSession(NamedTuple):
    """A Wi-Fi session as services.public_addresses reads it (radacct's names)."""

    framedipaddress: str
    nasipaddress: str
    acctstarttime: datetime
    acctstoptime: datetime | None


def annotate(query: Query, found: list[Person]) -> list[Person]:
    """Every Wi-Fi session found (one reported by a NAS) with the public addresses and port
    ranges it went out through; one statement for them all, none when there is none."""
    places = [
        (n, m) for n, person in enumerate(found) for m, s in enumerate(person.sessions) if s.nas_ip
    ]
    if not places:
        return found
    sessions = [found[n].sessions[m] for n, m in places]
    radius = [
        RadiusSession(s.private_ip or "", s.nas_ip, s.started_at, s.ended_at) for s in sessions
    ]
    for (n, m), session, addresses in zip(
        places, sessions, public_addresses(radius, clock.now()), strict=True
    ):
        found[n].sessions[m] = replace(
            session,
            public_ip=", ".join(dict.fromkeys(a["public_ip"] for a in addresses)),
            public_ports=", ".join(f"{a['port_first']}-{a['port_last']}" for a in addresses),
        )
    return found
