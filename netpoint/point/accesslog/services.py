"""From the gateway's lines to access records: parse, attribute each entry to the session that
held its client's address at that moment, count per session, destination and minute, then
store the counts, their events for the provider and the reading position in one transaction.

A line from an address no session held is evidence that a station was used without one (its
lock bypassed) or that another device uses the café's line: counted the same way per address
and kept as UnattributedAccess, with the station whose address it is and never a person.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q

from netpoint.common.core import clock
from netpoint.point.accesslog import classify, parsers
from netpoint.point.accesslog.conf import conf
from netpoint.point.accesslog.models import (
    AccessRecord,
    LogSource,
    StationAddress,
    UnattributedAccess,
)
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions.models import Session
from netpoint.point.stations.models import Station

FOREVER = 2**62


def stamps(now: datetime | None = None) -> parsers.Stamps:
    return parsers.Stamps(zoneinfo.ZoneInfo(conf().gateway_zone), now or clock.now())


def classifier() -> classify.Classifier:
    return classify.Classifier(classify.load(conf().services_file))


class Attributor:
    """Which session held a client address at a moment, for the stretch of time a chunk of
    lines covers: each station's address, then its sessions overlapping that stretch."""

    def __init__(self, by_ip: dict[str, list[tuple[int, int, int]]]):
        # address -> [(started, ended, session)] in unix seconds
        self.by_ip = by_ip

    @classmethod
    def between(cls, first: int, last: int) -> "Attributor":
        held = addresses_held()
        start = datetime.fromtimestamp(first, UTC)
        end = datetime.fromtimestamp(last, UTC)
        overlapping = Session.objects.filter(started_at__lte=end, station_id__in=held).filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=start)
        )
        by_ip: dict[str, list[tuple[int, int, int]]] = {}
        rows = overlapping.values_list("station_id", "pk", "started_at", "ended_at")
        for station, session, started_at, ended_at in rows:
            began = int(started_at.timestamp())
            until = int(ended_at.timestamp()) if ended_at else FOREVER
            # The session under each address its station had while it ran.
            for ip, since, moved in held[station]:
                if since <= until and began <= moved:
                    by_ip.setdefault(ip, []).append((max(began, since), min(until, moved), session))
        return cls(by_ip)

    def session(self, ip: str, at: int) -> int | None:
        for started, ended, session in self.by_ip.get(ip, ()):
            if started <= at <= ended:
                return session
        return None


def addresses_held() -> dict[int, list[tuple[str, int, int]]]:
    """Each station's addresses as (ip, from, until) in unix seconds, its current one last.
    A change of a station's address is noted when first seen here; the first address known of
    a station counts from the beginning (lines read late, after a first start)."""
    current = dict(Station.objects.exclude(ip=None).values_list("pk", "ip"))
    known: dict[int, list] = {}
    for station, ip, since in StationAddress.objects.values_list("station_id", "ip", "since"):
        known.setdefault(station, []).append((ip, since))
    now = clock.now()
    changed = [
        StationAddress(station_id=station, ip=ip, since=now)
        for station, ip in current.items()
        if not known.get(station) or known[station][-1][0] != ip
    ]
    if changed:
        StationAddress.objects.bulk_create(changed)
        for row in changed:
            known.setdefault(row.station_id, []).append((row.ip, row.since))
    held = {}
    for station, history in known.items():
        if station not in current:
            continue
        starts = [0] + [int(since.timestamp()) for _ip, since in history[1:]]
        ends = [start - 1 for start in starts[1:]] + [FOREVER]
        held[station] = [
            (ip, a, b) for (ip, _since), a, b in zip(history, starts, ends, strict=True)
        ]
    return held


@dataclass
class Digest:
    """What a chunk of lines came to."""

    lines: int = 0
    unparsed: int = 0
    unattributed: int = 0
    sample: list[str] = field(default_factory=list)
    # (session, minute as unix seconds, destination, port) -> [service, count]
    counts: dict[tuple, list] = field(default_factory=dict)
    # (client address, minute as unix seconds, destination, port) -> [service, count]: the
    # lines no session held, kept as evidence.
    unheld: dict[tuple, list] = field(default_factory=dict)


def digest(
    lines,
    parse,
    stamps: parsers.Stamps,
    classifier: classify.Classifier,
    attributor=Attributor.between,
) -> Digest:
    """`attributor(first, last)` answers for the stretch of time the lines cover."""
    found = Digest()
    entries = []
    keep = conf().sample_lines
    for line in lines:
        if not line or line.isspace():
            continue
        found.lines += 1
        entry = parse(line, stamps)
        if entry:
            entries.append(entry)
        elif entry is None:
            found.unparsed += 1
            if len(found.sample) < keep:
                # PostgreSQL's text cannot hold a NUL.
                found.sample.append(line[:300].replace("\0", "\ufffd"))
    if not entries:
        return found
    held = attributor(min(e[0] for e in entries), max(e[0] for e in entries)).session
    counts, unheld = found.counts, found.unheld
    for at, client, destination, port in entries:
        session = held(client, at)
        if session is None:  # evidence: counted by the address, with no person
            found.unattributed += 1
            tally, holder = unheld, client
        else:
            tally, holder = counts, session
        key = (holder, at - at % 60, destination[:255], port)
        count = tally.get(key)
        if count is None:
            tally[key] = [classifier.kind(destination, port), 1]
        else:
            count[1] += 1
    return found


UPSERT = """
INSERT INTO accesslog_accessrecord (session_id, minute, service, destination, port, count)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (session_id, minute, destination, port) DO UPDATE
SET count = accesslog_accessrecord.count + excluded.count
"""


# The same for lines no session held; the station is the one whose address it was when stored.
UNHELD_UPSERT = """
INSERT INTO accesslog_unattributedaccess
    (address, station_id, minute, service, destination, port, count)
VALUES (%s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (address, minute, destination, port) DO UPDATE
SET count = accesslog_unattributedaccess.count + excluded.count,
    station_id = COALESCE(accesslog_unattributedaccess.station_id, excluded.station_id)
"""


def stations_by_address() -> dict[str, tuple[int, str]]:
    """Whose address each is: a station's present address, else the last station known to
    have had it (a PC switched off keeps its address in the DHCP lease)."""
    names = dict(Station.objects.values_list("pk", "name"))
    found: dict[str, tuple[int, str]] = {}
    for station, ip in StationAddress.objects.order_by("since").values_list("station_id", "ip"):
        found[ip] = (station, names[station])
    for station, ip in Station.objects.exclude(ip=None).values_list("pk", "ip"):
        found[ip] = (station, names[station])
    return found


def store(source: LogSource, found: Digest, **position) -> LogSource:
    """The counts added to the point's records, sent on to the provider in events of at most
    NETPOINT_ACCESSLOG["entries_per_event"] entries, the lines no session held likewise, and
    the source's counters and position (`inode`, `offset`, `head`), all in one transaction."""
    minutes: dict[int, datetime] = {}
    rows = []
    for (session, minute, destination, port), (service, count) in found.counts.items():
        if minute not in minutes:
            minutes[minute] = datetime.fromtimestamp(minute, UTC)
        rows.append((session, minutes[minute], service, destination, port, count))
    size = conf().entries_per_event
    with transaction.atomic():
        adapt = connection.ops.adapt_datetimefield_value
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(UPSERT, [(r[0], adapt(r[1]), *r[2:]) for r in rows])
            for first in range(0, len(rows), size):
                entries = [[r[0], r[1].isoformat(), *r[2:]] for r in rows[first : first + size]]
                outbox.emit("access.batch", {"entries": entries})
        if found.unheld:
            _store_unheld(found.unheld, adapt, size)
        source = LogSource.objects.select_for_update().get(pk=source.pk)
        source.lines += found.lines
        source.unparsed += found.unparsed
        source.unattributed += found.unattributed
        if found.sample:
            source.sample = (source.sample + found.sample)[-conf().sample_lines :]
        for name, value in position.items():
            setattr(source, name, value)
        source.updated_at = clock.now()
        source.save()
    return source


def _store_unheld(unheld: dict[tuple, list], adapt, size: int) -> None:
    whose = stations_by_address()
    rows = []
    for (address, minute, destination, port), (service, count) in unheld.items():
        station, name = whose.get(address, (None, None))
        rows.append(
            (address, station, name, datetime.fromtimestamp(minute, UTC))
            + (service, destination, port, count)
        )
    with connection.cursor() as cursor:
        cursor.executemany(UNHELD_UPSERT, [(r[0], r[1], adapt(r[3]), *r[4:]) for r in rows])
    for first in range(0, len(rows), size):
        entries = [[r[0], r[2], r[3].isoformat(), *r[4:]] for r in rows[first : first + size]]
        outbox.emit("access.unattributed", {"entries": entries})


def source(name: str, kind: str) -> LogSource:
    return LogSource.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def prune(now: datetime | None = None) -> int:
    """Forget the point's access records, and the lines no session held, past their retention
    (the provider keeps its own)."""
    cutoff = (now or clock.now()) - timedelta(days=conf().retention_days)
    deleted, _ = AccessRecord.objects.filter(minute__lt=cutoff).delete()
    unheld, _ = UnattributedAccess.objects.filter(minute__lt=cutoff).delete()
    return deleted + unheld


class NoSessionTraffic(NamedTuple):
    """An address that reached out with no session running, as the cashier's grid shows it."""

    address: str
    station: str | None
    first_minute: datetime
    last_minute: datetime
    lines: int


def traffic_without_session(now: datetime | None = None) -> list[NoSessionTraffic]:
    """Addresses with lines no session held in the last NETPOINT_ACCESSLOG["alarm_minutes"],
    but for stations that have a session now (lines read just before a check-in)."""
    now = now or clock.now()
    since = now - timedelta(minutes=conf().alarm_minutes)
    in_session = Session.objects.filter(ended_at__isnull=True).values("station_id")
    recent = (
        UnattributedAccess.objects.filter(minute__gte=since)
        .exclude(station_id__in=in_session)
        .values_list("address", "station__name", "minute", "count")
    )
    by_address: dict[str, list] = {}
    for address, station, minute, count in recent:
        seen = by_address.setdefault(address, [station, minute, minute, 0])
        seen[0] = seen[0] or station
        seen[1], seen[2] = min(seen[1], minute), max(seen[2], minute)
        seen[3] += count
    return sorted(
        (NoSessionTraffic(address, *seen) for address, seen in by_address.items()),
        key=lambda t: t.last_minute,
        reverse=True,
    )
