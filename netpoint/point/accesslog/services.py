"""From the gateway's lines to access records: parse, attribute each entry to the session that
held its client's address at that moment, count per session, destination and minute, then
store the counts, their events for the provider and the reading position in one transaction.
"""

import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q

from netpoint.common.core import clock
from netpoint.point.accesslog import classify, parsers
from netpoint.point.accesslog.conf import conf
from netpoint.point.accesslog.models import AccessRecord, LogSource, StationAddress
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
    counts = found.counts
    for at, client, destination, port in entries:
        session = held(client, at)
        if session is None:
            found.unattributed += 1
            continue
        key = (session, at - at % 60, destination[:255], port)
        count = counts.get(key)
        if count is None:
            counts[key] = [classifier.kind(destination, port), 1]
        else:
            count[1] += 1
    return found


UPSERT = """
INSERT INTO accesslog_accessrecord (session_id, minute, service, destination, port, count)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (session_id, minute, destination, port) DO UPDATE
SET count = accesslog_accessrecord.count + excluded.count
"""


def store(source: LogSource, found: Digest, **position) -> LogSource:
    """The counts added to the point's records, sent on to the provider in events of at most
    NETPOINT_ACCESSLOG["entries_per_event"] entries, and the source's counters and position
    (`inode`, `offset`, `head`), all in one transaction."""
    minutes: dict[int, datetime] = {}
    rows = []
    for (session, minute, destination, port), (service, count) in found.counts.items():
        if minute not in minutes:
            minutes[minute] = datetime.fromtimestamp(minute, UTC)
        rows.append((session, minutes[minute], service, destination, port, count))
    with transaction.atomic():
        if rows:
            adapt = connection.ops.adapt_datetimefield_value
            with connection.cursor() as cursor:
                cursor.executemany(UPSERT, [(r[0], adapt(r[1]), *r[2:]) for r in rows])
            size = conf().entries_per_event
            for first in range(0, len(rows), size):
                entries = [[r[0], r[1].isoformat(), *r[2:]] for r in rows[first : first + size]]
                outbox.emit("access.batch", {"entries": entries})
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


def source(name: str, kind: str) -> LogSource:
    return LogSource.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def prune(now: datetime | None = None) -> int:
    """Forget the point's access records past their retention (the provider keeps its own)."""
    cutoff = (now or clock.now()) - timedelta(days=conf().retention_days)
    deleted, _ = AccessRecord.objects.filter(minute__lt=cutoff).delete()
    return deleted
