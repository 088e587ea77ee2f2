"""What the NAT domain does: registers hotspots' NAT gateways, stores the bindings their
events open and close, and finds who was behind a public address and port at an instant."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections
from django.utils.translation import gettext as _

from netpoint.common.core import reading
from netpoint.provider.authority.conf import conf as authority_conf
from netpoint.provider.modules.nat.events import OPEN, BindingEvent
from netpoint.provider.modules.nat.models import NatDevice
from netpoint.provider.registry.models import Point


class NatError(ValueError):
    pass


def register_device(point: Point, name: str, ip_address: str) -> NatDevice:
    if point.point_type != Point.Type.WIFI:
        raise NatError(_("Chỉ điểm Wi-Fi công cộng mới có thiết bị NAT."))
    return NatDevice.objects.create(point=point, name=name, ip_address=ip_address)


def active_devices() -> dict[str, int]:
    """Source address -> device id of the gateways whose messages are kept."""
    rows = NatDevice.objects.filter(active=True).values_list("ip_address", "pk")
    return dict(rows)


# An allocation the device repeats (interim logs) leaves the open binding as it is; any
# other open binding of those ports ended when they were given again (its de-allocation was
# lost: UDP). Times never run backwards inside a binding.
OPEN_SQL = """
WITH same AS (
    SELECT 1 FROM nat_binding
    WHERE device_id = %(device)s AND public_ip = %(public)s::inet AND ended_at IS NULL
      AND port_first = %(first)s AND port_last = %(last)s AND private_ip = %(private)s::inet
), ended AS (
    UPDATE nat_binding SET ended_at = GREATEST(%(at)s, started_at)
    WHERE NOT EXISTS (SELECT 1 FROM same)
      AND device_id = %(device)s AND public_ip = %(public)s::inet AND ended_at IS NULL
      AND int4range(port_first, port_last, '[]') && int4range(%(first)s, %(last)s, '[]')
), block AS (
    INSERT INTO nat_portblock (public_ip, port_first, port_last)
    SELECT %(public)s::inet, %(first)s, %(last)s WHERE NOT EXISTS (SELECT 1 FROM same)
    ON CONFLICT DO NOTHING
)
INSERT INTO nat_binding
    (device_id, public_ip, port_first, port_last, private_ip, protocol, started_at)
SELECT %(device)s, %(public)s::inet, %(first)s, %(last)s, %(private)s::inet, %(protocol)s, %(at)s
WHERE NOT EXISTS (SELECT 1 FROM same)
"""
CLOSE_SQL = """
UPDATE nat_binding SET ended_at = GREATEST(%(at)s, started_at)
WHERE device_id = %(device)s AND public_ip = %(public)s::inet AND ended_at IS NULL
  AND port_first = %(first)s AND port_last = %(last)s AND private_ip = %(private)s::inet
"""


@dataclass
class Stored:
    opened: int = 0
    closed: int = 0
    # De-allocations of bindings never seen opened (their allocation was lost).
    unmatched: int = 0
    # Events from addresses that are no registered NAT device.
    unknown_device: int = 0


def store(cursor, events: list[BindingEvent], devices: dict[str, int]) -> Stored:
    """Applies the events in the order they happened; the caller holds the transaction."""
    stored = Stored()
    for event in sorted(events, key=lambda e: e.at):
        device = devices.get(event.device_ip)
        if device is None:
            stored.unknown_device += 1
            continue
        values = {
            "device": device,
            "public": event.public_ip,
            "first": event.port_first,
            "last": event.port_last,
            "private": event.private_ip,
            "protocol": event.protocol,
            "at": event.at,
        }
        if event.action == OPEN:
            cursor.execute(OPEN_SQL, values)
            stored.opened += 1
            continue
        cursor.execute(CLOSE_SQL, values)
        if cursor.rowcount:
            stored.closed += 1
        else:
            stored.unmatched += 1
    return stored


@dataclass(frozen=True)
class Held:
    """A binding that covered the address and port at the instant, with its hotspot."""

    public_ip: str
    port_first: int
    port_last: int
    private_ip: str
    started_at: datetime
    ended_at: datetime | None
    point_id: int
    point: str


# The ranges holding the port (the nat_portblock_lookup index of migration 0001), then per
# range the last binding to start by the instant (nat_binding_block), if it had not ended.
HELD_SQL = """
SELECT b.public_ip, b.port_first, b.port_last, b.private_ip, b.started_at, b.ended_at,
       d.point_id, r.code
FROM nat_portblock k
CROSS JOIN LATERAL (
    SELECT * FROM nat_binding b
    WHERE b.public_ip = k.public_ip AND b.port_first = k.port_first
      AND b.port_last = k.port_last AND b.started_at <= %(at)s
    ORDER BY b.started_at DESC
    LIMIT 1
) b
JOIN nat_natdevice d ON d.id = b.device_id
JOIN registry_point r ON r.id = d.point_id
WHERE k.public_ip = %(address)s::inet
  AND int4range(k.port_first, k.port_last, '[]') @> %(port)s::int4
  AND (b.ended_at IS NULL OR b.ended_at >= %(at)s)
ORDER BY b.started_at
"""


def reads():
    """The connection a search's reads go to: a replica's while the search reads from one
    (netpoint.provider.records.replica), else the primary."""
    return connections[reading.alias()]


def held(public_ip: str, port: int, at: datetime) -> list[Held]:
    """The bindings that gave `public_ip`:`port` to a private address at `at`: none when the
    port was in no block then. Gateways that share a public address are told apart only when
    they give it out in different port ranges."""
    with reads().cursor() as cursor:
        cursor.execute(HELD_SQL, {"address": public_ip, "port": port, "at": at})
        return [
            Held(str(row[0]), row[1], row[2], str(row[3]), *row[4:]) for row in cursor.fetchall()
        ]


@dataclass(frozen=True)
class Behind:
    """Who was behind a binding: the RADIUS session that had its private address at that
    hotspot at the instant, the device and the Wi-Fi user (their phone still sealed)."""

    binding: Held
    session_id: str | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    mac: str | None = None
    user_id: int | None = None
    phone_sealed: str = ""


# The session at the hotspot's NAS with the private address at the instant; none lasts
# longer than the authority's setting, which bounds the index range read.
SESSIONS_SQL = """
SELECT a.acctsessionid, a.acctstarttime, a.acctstoptime, a.callingstationid,
       COALESCE(u.id, du.id), COALESCE(u.phone_sealed, du.phone_sealed, '')
FROM radacct a
LEFT JOIN wifi_wifiuser u ON u.login = a.username
LEFT JOIN wifi_wifidevice dv ON u.id IS NULL AND dv.mac = a.callingstationid
LEFT JOIN wifi_wifiuser du ON du.id = dv.user_id
WHERE a.framedipaddress = %s::inet
  AND a.nasipaddress IN (SELECT ip_address FROM wifi_nas WHERE point_id = %s)
  AND a.acctstarttime <= %s AND a.acctstarttime >= %s
  AND (a.acctstoptime IS NULL OR a.acctstoptime >= %s)
ORDER BY a.acctstarttime
"""


def behind(public_ip: str, port: int, at: datetime) -> list[Behind]:
    """Public IP + port + instant -> binding -> RADIUS session -> device and user."""
    longest = timedelta(hours=authority_conf().longest_session_hours)
    found = []
    with reads().cursor() as cursor:
        for binding in held(public_ip, port, at):
            cursor.execute(
                SESSIONS_SQL, (binding.private_ip, binding.point_id, at, at - longest, at)
            )
            rows = cursor.fetchall()
            found.extend(Behind(binding, *row) for row in rows)
            if not rows:
                found.append(Behind(binding))
    return found


# Each session's bindings: its private address, at a NAT device of the session's hotspot, held
# at some moment of the session; all the sessions in one statement, read session by session
# (LATERAL). Bindings are looked for back to the longest session before each began, which
# bounds the index range read.
DURING_SQL = """
SELECT s.n, b.public_ip, b.port_first, b.port_last, b.protocol, b.started_at, b.ended_at
FROM unnest(%(private)s::inet[], %(nas)s::inet[], %(since)s::timestamptz[],
            %(until)s::timestamptz[], %(start)s::timestamptz[])
     WITH ORDINALITY AS s(private, nas, since, until, start, n)
CROSS JOIN LATERAL (
    SELECT b.public_ip, b.port_first, b.port_last, b.protocol, b.started_at, b.ended_at
    FROM nat_binding b
    JOIN nat_natdevice d ON d.id = b.device_id
    WHERE b.private_ip = s.private
      AND d.point_id IN (SELECT point_id FROM wifi_nas WHERE ip_address = s.nas)
      AND b.started_at >= s.since AND b.started_at <= s.until
      AND (b.ended_at IS NULL OR b.ended_at >= s.start)
) b
ORDER BY s.n, b.started_at
"""


def public_addresses(sessions: list, now: datetime) -> list[list[dict]]:
    """For each RADIUS session (a radacct row), the public addresses and port ranges it went
    out through (REQUIREMENTS C.2: the access address under NAT, per session), until `now` if
    it is open; one statement for them all."""
    longest = timedelta(hours=authority_conf().longest_session_hours)
    found: list[list[dict]] = [[] for _session in sessions]
    # The places in `sessions` of those with an address and a start.
    asked = [n for n, s in enumerate(sessions) if s.framedipaddress and s.acctstarttime is not None]
    if not asked:
        return found
    chosen = [sessions[n] for n in asked]
    with reads().cursor() as cursor:
        cursor.execute(
            DURING_SQL,
            {
                "private": [s.framedipaddress for s in chosen],
                "nas": [s.nasipaddress for s in chosen],
                "since": [s.acctstarttime - longest for s in chosen],
                "until": [s.acctstoptime or now for s in chosen],
                "start": [s.acctstarttime for s in chosen],
            },
        )
        rows = cursor.fetchall()
    columns = ("public_ip", "port_first", "port_last", "protocol", "started_at", "ended_at")
    for n, *row in rows:  # n: the place in `chosen`, from 1
        binding = dict(zip(columns, row, strict=True))
        binding["public_ip"] = str(binding["public_ip"])
        found[asked[n - 1]].append(binding)
    return found
