"""How the provider's costs grow with its data: searches, ingest, retention and disk per size.

Usage: .venv/bin/python bench/scale.py [--quick] [--sizes 10000000,30000000,100000000]
       [--samples 2000] [--http-samples 300] [--events 100000]
       .venv/bin/python bench/scale.py --index-account [--events 200000]

One fresh PostgreSQL database with the provider's schema grows, in one run, to each of
`--sizes` sessions (10M, 30M, 100M; 100k and 300k with --quick), written by SQL
(generate_series) rather than row by row: 1,000 points with 20 stations and a public IP each
(as bench/attribution.py), one person for every 20 sessions (SEARCHED of them generated,
sealed and blind-indexed as in life, the rest filler rows of the same widths sharing one
sealed number), each person's version at a point, sessions spread over the last 24 months
(week partitions, 2% of them 12 to 24 hours long), five access records for each session of
the last 30 days, one NAT binding for every two sessions and one Wi-Fi RADIUS session for
every four. The searched people have
about one session a week over the 24 months at every size, so the person searches find the
same amount of rows as the data grows around them.

At each size, after VACUUM ANALYZE and with the searched relations prewarmed:
- the attribution searches in the database (bench/attribution.py's: station+moment, the
  point's public IP+moment, person over 30 days; and person over 24 months, and the NAT's
  public IP:port+moment) and over HTTP (its JSON API and search page; the written request
  covers 24 months, so the person search over HTTP reads all of them), p50/p99;
- ingest: `--events` generated events through the real HTTP path (bench/ingest.py's two
  `netpoint serve` processes, new enrolled points), then the same rows deleted and COPYed back
  into the same tables, and the ratio of the two rates;
- one day's retention: the sessions of the oldest day expired by the retention job's own code
  (records.retention.expire_partitioned), timed, while a second connection inserts a session
  after another and the longest of those inserts is taken as the longest wait retention made
  ingest suffer (against the longest insert in the same time before retention ran); then the
  oldest two weeks, whose partitions are detached, counted and dropped, the same way;
- bytes on disk (tables, indexes, TOAST) of the sessions, people, access records, NAT and
  Wi-Fi tables, per million sessions.

The last line is one JSON object: the figures per size, each figure's growth factor from one
size to the next (beside the sizes' own factor), and the targets at the largest size.

`--index-account`: on an empty database, ingest `--events` events (200k by default) with all
indexes, then with each index that ingest keeps up to date but does not itself need dropped in
turn, then with all of them dropped: the events/s and the ratio to raw COPY of each.
"""

import argparse
import contextlib
import json
import random
import shutil
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution import (  # noqa: E402
    PHASES,
    POINTS,
    STATIONS,
    VERSIONS_OF_PEOPLE,
    approved_request,
    in_database,
    nat_in_database,
    over_http,
    percentiles,
    prewarm,
    settle,
    with_ratio,
)
from ingest import (  # noqa: E402
    PG,
    batches_for,
    enroll_points,
    provider_database,
    send_together,
    serve,
)

MONTHS_24 = 730  # days of sessions kept under a storage request (Nghị định 53/2022)
SEARCHED, SESSIONS_PER_SEARCHED = 200, 100  # about one a week over the 24 months
SESSIONS_PER_PERSON = 20
# Where the ids of the people ingest adds begin, past every size's filler people.
INGESTED_PEOPLE_FROM = 10**9
ACCESS_PER_SESSION, ACCESS_DAYS = 5, 30
NAT_PER_SESSION, WIFI_PER_SESSION = 0.5, 0.25
INGEST_POINTS = 2
# The tables ingest writes, in the order their rows are copied back; which rows it wrote.
WRITTEN = {
    "records_person": "id > {person}",
    "records_pointperson": "point_id IN ({points})",
    "records_sessionrecord": "point_id IN ({points})",
    "records_receivedevent": "point_id IN ({points})",
}
MEASURED_TABLES = [
    "records_sessionrecord",
    "records_person",
    "records_pointperson",
    "accessrecords_accessrecord",
    "nat_binding",
    "radacct",
]
# Indexes ingest keeps up to date without needing them itself (it needs the primary keys, the
# people's blind index, and the points' own ids of people and sessions to find them again).
# Records migration 0012 dropped the five that served no search (docs/PERFORMANCE.md).
ACCOUNTED = {
    "records_sessionrecord": [
        "session_by_person",
        "session_by_point_time",
        "long_session_by_point_time",
    ],
    "records_receivedevent": ["event_by_point_seq"],
    "records_person": ["records_person_last_seen_at_"],
    "records_pointperson": [
        "pointperson_by_name",
        "pointperson_by_phone",
        "records_pointperson_guardian_id_",
        "records_pointperson_person_id_",
    ],
}
# The indexes that hold a session's end: while any of them does, ending a session (an UPDATE
# of ended_at) cannot be a heap-only update and writes an entry in every index of the row.
ENDED_AT = ["session_by_person", "session_by_point_time", "long_session_by_point_time"]
# Targets at 100M sessions (issue 28).
TARGETS = {
    "database.person_24m.p99_ms": 5.0,
    "http.person_24m.p99_ms": 15.0,
    "database.station.p99_ms": 1.0,
    "database.ip.p99_ms": 1.0,
    "database.ip_port.p99_ms": 1.0,
}
INGEST_TARGET, LOCK_TARGET_MS = 0.5, 100.0


class Stages:
    """Seconds each stage of a size took, said as it ends (a long run shows where it is)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str):
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 1)
        print(f"  {name}: {self.seconds[name]} s", file=sys.stderr)


def people_for(sessions: int) -> int:
    return max(SEARCHED * 10, sessions // SESSIONS_PER_PERSON)


def set_up(pg, now: datetime) -> tuple[int, int, list[tuple[str, str]], str]:
    """The points, the searched people and the partitions; (first point, first person id,
    the searched people's (CCCD, blind index), a sealed number for the filler people: a search
    that finds one unseals it)."""
    from django.db import connection

    from netpoint.common.identity.fake import fake_person
    from netpoint.common.sealing.crypto import seal
    from netpoint.common.sealing.indexes import ID_COLUMN, id_index, key_ring
    from netpoint.provider.records import partitions

    with connection.cursor() as cursor:
        first_day = (now - timedelta(days=MONTHS_24 + 1)).date()
        partitions.ensure_partitions(
            cursor, "records_sessionrecord", "started_at", first_day, now.date()
        )
        partitions.ensure_partitions(
            cursor,
            "accessrecords_accessrecord",
            "minute",
            (now - timedelta(days=ACCESS_DAYS + 1)).date(),
            now.date(),
        )
    enterprise = pg.execute(
        "INSERT INTO registry_enterprise (name, tax_code, address, contact_email, contact_phone)"
        " VALUES ('Doanh nghiệp đo quy mô', '0100009996', '', '', '') RETURNING id"
    ).fetchone()[0]
    # As bench/attribution.py's points: code P00042, public IP 100.64.0.42.
    first_point = pg.execute(
        "INSERT INTO registry_point (enterprise_id, code, name, point_type, owner_name,"
        " licence_number, province_code, ward_code, street_address, public_ips, contract_type,"
        " venue_type, active, created_at)"
        " SELECT %s, 'P' || lpad(n::text, 5, '0'), 'Điểm ' || n, 'internet', 'Chủ', '', 1, 4,"
        " 'Phố', jsonb_build_array('100.64.' || n / 256 || '.' || n %% 256), 'household',"
        " 'internet_cafe', true, %s FROM generate_series(0, %s) n RETURNING id",
        (enterprise, now, POINTS - 1),
    ).fetchall()[0][0]
    ring, rng, searched, seen = key_ring(), random.Random(5), [], set()
    while len(searched) < SEARCHED:
        somebody = fake_person(rng)
        if somebody.cccd in seen:
            continue
        seen.add(somebody.cccd)
        index = id_index("cccd", somebody.cccd, ring)
        searched.append((somebody.cccd, index))
        pg.execute(
            "INSERT INTO records_person (id_index, id_type, id_number_sealed, phone_index,"
            " phone_sealed, full_name, date_of_birth, gender, address, first_seen_at,"
            " last_seen_at) VALUES (%s, 'cccd', %s, '', '', %s, %s, %s, '', %s, %s)",
            (
                index,
                seal(somebody.cccd, ID_COLUMN, ring),
                somebody.full_name,
                somebody.date_of_birth,
                somebody.gender,
                now,
                now,
            ),
        )
    first_person = pg.execute("SELECT min(id) FROM records_person").fetchone()[0]
    return first_point, first_person, searched, seal(fake_person(rng).cccd, ID_COLUMN, ring)


@contextlib.contextmanager
def indexes_built_after(pg, tables: list[str]):
    """The tables' indexes that are neither primary keys nor unique dropped, and built again
    from the rows at the end: generated rows go in an order no index is in, and kept up to date
    row by row the indexes of tens of millions of rows (larger than shared_buffers) made the fill
    slower than a thousand sessions a second (30M, 2026-12-06). Built ones are denser than grown
    ones (about 90% full pages against ~70%): the bytes on disk of the indexes are a little
    under what a database grown by ingest holds."""
    dropped = pg.execute(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        " WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary",
        [tables],
    ).fetchall()
    for index, _definition in dropped:
        pg.execute(f"DROP INDEX {index}")
    yield
    pg.execute("SET maintenance_work_mem = '1GB'")
    for _index, definition in dropped:  # a whole index again, not the parent's alone
        pg.execute(definition.replace(" ON ONLY ", " ON "))
    pg.execute("RESET maintenance_work_mem")


def grow(pg, now, first_point: int, first_person: int, sealed: str, had: int, size: int) -> None:
    """Add sessions `had`+1 to `size`, and the people, access records, NAT bindings and Wi-Fi
    sessions that go with them."""
    with indexes_built_after(pg, MEASURED_TABLES):
        _grow(pg, now, first_point, first_person, sealed, had, size)


def _grow(pg, now, first_point: int, first_person: int, sealed: str, had: int, size: int) -> None:
    people_had, people = people_for(had) if had else SEARCHED, people_for(size)
    # Filler people: a blind index of the real ones' width, one sealed number for all. Their
    # ids are given, first_person + n, so that every id a session below names is a person's:
    # the people ingest adds between sizes take theirs from the sequence, far above (and
    # leave gaps in it where an upsert met a person already there).
    pg.execute(
        "INSERT INTO records_person (id, id_index, id_type, id_number_sealed, phone_index,"
        " phone_sealed, full_name, date_of_birth, gender, address, first_seen_at, last_seen_at)"
        " SELECT %s + n, md5(n::text) || md5('i' || n), 'cccd', %s, '', '',"
        " 'Người thứ ' || n, date '1990-01-01' + n %% 9000, 'nam', '', %s, %s"
        " FROM generate_series(%s, %s - 1) n",
        (first_person, sealed, now, now, people_had, people),
    )
    low = first_person + people_had - 1 if had else first_person - 1  # the searched ones first
    fillers = (first_point, POINTS, low, first_person + people)
    pg.execute(VERSIONS_OF_PEOPLE + " AND id < %s", fillers)
    pg.execute(
        "SELECT setval(pg_get_serial_sequence('records_person', 'id'),"
        " greatest(%s, (SELECT max(id) FROM records_person)))",
        [first_person + INGESTED_PEOPLE_FROM],
    )
    # The searched people's sessions all come with the first size.
    searched_share = 0.0 if had else SEARCHED * SESSIONS_PER_SEARCHED / size
    pg.execute(
        "INSERT INTO records_sessionrecord (point_id, local_id, person_id, station, kind,"
        " started_at, ended_at, end_reason, charge)"
        " SELECT %(point)s + n %% %(points)s, n, %(person)s + CASE WHEN random() < %(share)s"
        " THEN floor(random() * %(searched)s) ELSE floor(random() * %(people)s) END,"
        " 'M' || lpad((n / %(points)s %% %(stations)s)::text, 2, '0'), 'walk_in', at,"
        " at + CASE WHEN random() < 0.02 THEN interval '12 hours' * (1 + random())"
        " ELSE interval '1 hour' * (0.5 + random()) END, 'check_out', 6000"
        " FROM (SELECT n, %(now)s - interval '1 day' * %(days)s * random() AS at"
        " FROM generate_series(%(had)s + 1, %(size)s) n) generated",
        {
            "point": first_point,
            "points": POINTS,
            "person": first_person,
            "share": searched_share,
            "searched": SEARCHED,
            "people": people,
            "stations": STATIONS,
            "now": now,
            "days": MONTHS_24,
            "had": had,
            "size": size,
        },
    )
    pg.execute(
        "INSERT INTO accessrecords_accessrecord (session, minute, service, destination, port,"
        " count, point_id)"
        " SELECT s.local_id, date_trunc('minute', s.started_at) + interval '1 minute' * k, 'web',"
        " 'trang' || (s.local_id + k) %% 5000 || '.example.vn', 443, 1 + k, s.point_id"
        " FROM records_sessionrecord s, generate_series(1, %s) k"
        " WHERE s.started_at > %s AND s.local_id > %s AND s.point_id < %s",
        (ACCESS_PER_SESSION, now - timedelta(days=ACCESS_DAYS), had, first_point + POINTS),
    )
    grow_wifi(pg, now, int(had * NAT_PER_SESSION), int(size * NAT_PER_SESSION), "nat")
    grow_wifi(pg, now, int(had * WIFI_PER_SESSION), int(size * WIFI_PER_SESSION), "radius")


def grow_wifi(pg, now: datetime, had: int, size: int, which: str) -> None:
    """NAT bindings (port blocks of 512 of 500 public addresses) or RADIUS sessions, over the
    24 months."""
    if which == "nat":
        if not had:
            devices = [
                pg.execute(
                    "INSERT INTO nat_natdevice (point_id, name, ip_address, active)"
                    " VALUES (%s, %s, %s, true) RETURNING id",
                    (point, f"NAT {n}", f"192.0.2.{n + 1}"),
                ).fetchone()[0]
                for n, point in enumerate(
                    row[0]
                    for row in pg.execute("SELECT id FROM registry_point ORDER BY id LIMIT 50")
                )
            ]
            pg.execute(
                "INSERT INTO nat_portblock (public_ip, port_first, port_last)"
                " SELECT ('203.0.' || 113 + a / 250 || '.' || a % 250 + 1)::inet, p, p + 511"
                " FROM generate_series(0, 499) a, generate_series(1024, 65535, 512) p"
            )
            pg.execute("CREATE TABLE bench_nat_device (k int, device bigint)")
            for n, device in enumerate(devices):
                pg.execute("INSERT INTO bench_nat_device VALUES (%s, %s)", (n, device))
        pg.execute(
            "INSERT INTO nat_binding (device_id, public_ip, port_first, port_last, private_ip,"
            " started_at, ended_at)"
            " SELECT d.device, ('203.0.' || 113 + a / 250 || '.' || a %% 250 + 1)::inet,"
            " 1024 + b * 512, 1024 + b * 512 + 511,"
            " ('10.' || n %% 256 || '.' || n / 256 %% 256 || '.' || n / 65536 %% 256)::inet,"
            " at, at + interval '1 hour' * random()"
            " FROM (SELECT n, n %% 500 AS a, n / 500 %% 126 AS b,"
            " %s - interval '1 day' * %s * random() AS at"
            " FROM generate_series(%s + 1, %s) n) g JOIN bench_nat_device d ON d.k = g.a %% 50",
            (now, MONTHS_24, had, size),
        )
        return
    pg.execute(
        "INSERT INTO radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime,"
        " acctupdatetime, acctstoptime, acctsessiontime, callingstationid, framedipaddress,"
        " acctinputoctets, acctoutputoctets)"
        " SELECT to_hex(n), md5('r' || n), '09' || lpad((n %% 100000000)::text, 8, '0'),"
        " ('192.0.2.' || n %% 50 + 1)::inet, at, at + interval '50 minutes',"
        " at + interval '55 minutes', 3300,"
        " 'AA-BB-CC-' || lpad(to_hex(n %% 16777216), 6, '0'),"
        " ('10.' || n %% 256 || '.' || n / 256 %% 256 || '.1')::inet, 1000000, 20000000"
        " FROM (SELECT n, %s - interval '1 day' * %s * random() AS at"
        " FROM generate_series(%s + 1, %s) n) g",
        (now, MONTHS_24, had, size),
    )


def person_over(pg, days: int, samples: int, now: datetime, searched, request_id: int, rng):
    """The person search (by blind index) over the last `days`, as bench/attribution.py's."""
    from netpoint.provider.authority.scope import PERSON_COVERED
    from netpoint.provider.records.attribution import statement_if_covered

    times, found = [], 0
    for n in range(samples + 50):  # the first 50 untimed: the connection's plans
        index = rng.choice(searched)[1]
        sql, params = statement_if_covered(
            PERSON_COVERED["id_index"],
            (index, request_id),
            "id_index",
            (index,),
            now - timedelta(days=days),
            now,
            timedelta(hours=72),
        )
        started = time.perf_counter()
        rows = pg.execute(sql, params, prepare=True, binary=True).fetchall()
        if n >= 50:
            times.append(time.perf_counter() - started)
            found += len(rows)
    return with_ratio(percentiles(times)) | {"rows_found": found}


def ingest_against_copy(pg, ports, points, events: int, seed: int, blocks: bool = True) -> dict:
    """`events` events through HTTP from `points`; then the rows they wrote are deleted and
    COPYed back into the same tables. The rates and their ratio, and with `blocks` the blocks
    each touched per 1,000 events."""
    codes = [code for code, _key in points]
    ids = [
        row[0] for row in pg.execute("SELECT id FROM registry_point WHERE code = ANY(%s)", [codes])
    ]
    share = events // len(points)
    work = [
        (code, key, batches_for(code, share, 5000, seed=seed + n))
        for n, (code, key) in enumerate(points)
    ]
    person = pg.execute("SELECT coalesce(max(id), 0) FROM records_person").fetchone()[0]
    before = touched(pg) if blocks else None
    ingest_seconds = send_together(ports, work)
    by_ingest = touched(pg, before, servers=True) if blocks else None
    written = {
        table: where.format(person=person, points=",".join(map(str, ids)))
        for table, where in WRITTEN.items()
    }
    data, rows = {}, {}
    for table, where in written.items():
        with pg.cursor().copy(f"COPY (SELECT * FROM {table} WHERE {where}) TO STDOUT") as copy:
            data[table] = b"".join(bytes(chunk) for chunk in copy)
        rows[table] = pg.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]  # noqa: S608
    if rows["records_receivedevent"] != share * len(points):
        raise SystemExit(f"stored {rows['records_receivedevent']} of {events} events")
    for table, where in reversed(written.items()):
        pg.execute(f"DELETE FROM {table} WHERE {where}")  # noqa: S608
    before = touched(pg) if blocks else None
    started = time.perf_counter()
    with pg.transaction():
        for table in written:
            with pg.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                copy.write(data[table])
    copy_seconds = time.perf_counter() - started
    by_copy = touched(pg, before) if blocks else None
    stored = share * len(points)
    counted = {}
    if blocks:
        counted["per_1000_events"] = {
            "ingest": {k: round(v * 1000 / stored, 1) for k, v in by_ingest.items()},
            "copy": {k: round(v * 1000 / stored, 1) for k, v in by_copy.items()},
        }
    return {
        "events": stored,
        "ingest_events_per_s": round(stored / ingest_seconds),
        "copy_events_per_s": round(stored / copy_seconds),
        "ratio_to_copy": round(copy_seconds / ingest_seconds, 3),
        "rows": rows,
        **counted,
        "written": written,
    }


# Blocks of the tables ingest writes (heap and indexes) read or written, and the sessions'
# updates (all, and heap-only ones): counted by PostgreSQL for this database alone, so unlike
# the times they do not move with the other work on a shared machine.
TOUCHED = """
SELECT coalesce(sum(s.heap_blks_hit + s.heap_blks_read), 0)::bigint,
       coalesce(sum(s.idx_blks_hit + s.idx_blks_read), 0)::bigint,
       coalesce(sum(t.n_tup_upd) FILTER (WHERE t.relname LIKE 'records\\_sessionrecord%%'), 0),
       coalesce(sum(t.n_tup_hot_upd) FILTER (WHERE t.relname LIKE 'records\\_sessionrecord%%'), 0)
FROM pg_statio_user_tables s JOIN pg_stat_user_tables t USING (relid)
WHERE s.relname LIKE ANY(%s)
"""


def touched(pg, since: dict | None = None, servers: bool = False) -> dict:
    """TOUCHED now, or since `since`. This connection's own counts are flushed at once; the
    server processes' (`servers`) reach the statistics within 10 s of going idle (PostgreSQL
    15 holds a backend's counts that long when it flushed less than a second before)."""
    if servers:
        time.sleep(11)
    pg.execute("SELECT pg_stat_force_next_flush()")
    pg.execute("SELECT pg_stat_clear_snapshot()")
    names = [table.replace("_", "\\_") + "%" for table in WRITTEN]
    row = pg.execute(TOUCHED, [names]).fetchone()
    counts = dict(
        zip(("heap_blocks", "index_blocks", "session_updates", "hot_updates"), row, strict=True)
    )
    return counts if since is None else {k: int(counts[k] - since[k]) for k in counts}


def inserts_meanwhile(stop: threading.Event, name: str, first_point: int, longest: list) -> None:
    """Insert one session after another until `stop`; the longest insert's seconds and the
    count into `longest`."""
    import psycopg

    worst, count = 0.0, 0
    with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
        while not stop.is_set():
            count += 1
            started = time.perf_counter()
            pg.execute(
                "INSERT INTO records_sessionrecord (point_id, local_id, person_id, station, kind,"
                " started_at, end_reason) VALUES (%s, %s, 1, 'M00', 'walk_in', now(), '')",
                (first_point, -count),
                prepare=True,
            )
            worst = max(worst, time.perf_counter() - started)
    longest.extend([worst, count])


def retention_while_inserting(name: str, first_point: int, pg, cutoff: datetime) -> dict:
    """The sessions older than `cutoff` expired by the retention job's code, with inserts going
    on beside it."""
    from netpoint.provider.records import retention
    from netpoint.provider.records.conf import conf
    from netpoint.provider.records.models import SessionRecord

    now = cutoff + timedelta(days=conf().sessions)

    def while_inserting(work, seconds: float | None = None) -> tuple[float, float, int, list]:
        stop, longest = threading.Event(), []
        inserter = threading.Thread(
            target=inserts_meanwhile, args=(stop, name, first_point, longest)
        )
        inserter.start()
        time.sleep(0.2)
        started = time.perf_counter()
        result = work() if seconds is None else time.sleep(seconds)
        took = time.perf_counter() - started
        time.sleep(0.2)
        stop.set()
        inserter.join()
        return took, longest[0], longest[1], result

    _took, before, _count, _ = while_inserting(None, 1.0)
    took, worst, count, deletions = while_inserting(
        lambda: retention.expire_partitioned("sessions", SessionRecord, "started_at", now)
    )
    pg.execute(
        "DELETE FROM records_sessionrecord WHERE point_id = %s AND local_id < 0", [first_point]
    )
    return {
        "seconds": round(took, 3),
        "sessions_deleted": sum(d.count for d in deletions),
        "methods": sorted({d.method for d in deletions}),
        "longest_insert_ms": round(worst * 1000, 1),
        "longest_insert_before_ms": round(before * 1000, 1),
        "inserts": count,
    }


def one_day_of_retention(name: str, first_point: int, pg) -> dict:
    """The oldest day of sessions expired, deleted row by row (the week it is in stays)."""
    oldest = pg.execute("SELECT min(started_at) FROM records_sessionrecord").fetchone()[0]
    cutoff = datetime.combine(oldest.date() + timedelta(days=1), datetime.min.time(), UTC)
    return retention_while_inserting(name, first_point, pg, cutoff)


def oldest_weeks_dropped(name: str, first_point: int, pg) -> dict:
    """The oldest two weeks expired (the first holds only the 24 months' first days, the second
    is whole): their partitions detached, counted and dropped. They are made again, empty, so
    that the next size's rows for them are not left in the default partition."""
    from django.db import connection

    from netpoint.provider.records import partitions

    with connection.cursor() as cursor:
        oldest = partitions.list_partitions(cursor, "records_sessionrecord")[:2]
    dropped = retention_while_inserting(name, first_point, pg, oldest[-1][2])
    with connection.cursor() as cursor:
        partitions.ensure_partitions(
            cursor,
            "records_sessionrecord",
            "started_at",
            oldest[0][1].date(),
            (oldest[-1][2] - timedelta(days=1)).date(),
        )
    return dropped | {"partitions": [week for week, _start, _end in oldest]}


def bytes_on_disk(pg, sessions: int) -> dict:
    tables = {
        table: pg.execute(
            "SELECT CASE WHEN relkind = 'p' THEN (SELECT sum(pg_total_relation_size(relid))"
            " FROM pg_partition_tree(oid)) ELSE pg_total_relation_size(oid) END::bigint"
            " FROM pg_class WHERE oid = %s::regclass",
            [table],
        ).fetchone()[0]
        for table in MEASURED_TABLES
    }
    total = sum(tables.values())
    return {
        "total": total,
        "per_million_sessions": round(total / (sessions / 1e6)),
        "tables": tables,
    }


def flat(figures: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            out |= flat(value, f"{prefix}{key}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[f"{prefix}{key}"] = value
    return out


def growth(runs: list[dict]) -> dict:
    """Each figure's factor from one size to the next."""
    flats = [flat(run) for run in runs]
    factors = {}
    for key in flats[0]:
        if all(key in f for f in flats):
            factors[key] = [
                round(b[key] / a[key], 2) if a[key] else None
                for a, b in zip(flats, flats[1:], strict=False)
            ]
    return factors


def targets(run: dict) -> dict:
    figures = flat(run)
    found = {
        key: {"limit": limit, "value": figures.get(key), "met": figures.get(key, 1e9) <= limit}
        for key, limit in TARGETS.items()
    }
    ratio = run["ingest"]["ratio_to_copy"]
    found["ingest.ratio_to_copy"] = {"limit": INGEST_TARGET, "value": ratio, "met": ratio >= 0.5}
    for key, retained in (
        ("retention", run["retention"]),
        ("retention.week", run["retention"]["week"]),
    ):
        lock = retained["longest_insert_ms"]
        found[f"{key}.longest_insert_ms"] = {
            "limit": LOCK_TARGET_MS,
            "value": lock,
            "met": lock <= LOCK_TARGET_MS,
        }
    return found


# Bytes on disk a million sessions brings with it as this bench fills (every measured table,
# 623 MB at 30M on 2026-12-06, docs/PERFORMANCE.md), and room for the WAL and for the sort of
# the largest index built again beside them.
BYTES_PER_MILLION, HEADROOM = 0.65e9, 1.15


def room_for(sizes: list[int]) -> None:
    """Stop before filling a disk the largest size cannot fit on (a full disk stops the
    PostgreSQL server itself), where the server's data directory is on this machine."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
        directory = pg.execute("SHOW data_directory").fetchone()[0]
    if not Path(directory).exists():
        print(f"{directory} is not on this machine: its disk not checked", file=sys.stderr)
        return
    needed = max(sizes) / 1e6 * BYTES_PER_MILLION * HEADROOM
    free = shutil.disk_usage(directory).free
    if needed > free:
        raise SystemExit(
            f"{max(sizes):,} sessions need about {needed / 1e9:.0f} GB on the database's disk;"
            f" {free / 1e9:.0f} GB are free there. Choose smaller --sizes."
        )


def scale(args) -> None:
    sizes = sorted(int(size) for size in args.sizes.split(","))
    room_for(sizes)
    with provider_database("bench_i_scale", args.keep, NETPOINT_INSECURE_COOKIES="1") as (
        name,
        env,
        servers,
    ):
        import django
        import psycopg

        django.setup()
        now = datetime.now(UTC).replace(microsecond=0)
        ingest_points = enroll_points(INGEST_POINTS * len(sizes))
        runs = []
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            first_point, first_person, searched, sealed = set_up(pg, now)
            request_id = approved_request(now, searched, days=MONTHS_24 + 1)
            ports = serve(env, 2, servers)
            had = 0
            for n, size in enumerate(sizes):
                print(f"growing to {size} sessions", file=sys.stderr)
                stage = Stages()
                with stage("fill"):
                    grow(pg, now, first_point, first_person, sealed, had, size)
                    pg.execute("VACUUM ANALYZE")
                    settle(pg)
                had = size
                with stage("prewarm"):
                    warmed = prewarm(pg)
                rng = random.Random(9)
                with stage("database"):
                    database = in_database(pg, args.samples, now, searched, request_id, rng)
                    database["person_30d"] = database.pop("person")
                    database["person_24m"] = person_over(
                        pg, MONTHS_24, args.samples, now, searched, request_id, rng
                    )
                    database["ip_port"] = nat_in_database(pg, args.samples, now, rng)
                with stage("http"):
                    http = over_http(
                        ports[0],
                        request_id,
                        args.http_samples,
                        now,
                        searched,
                        rng,
                        args.warmup,
                        args.phases,
                    )
                http = http["api"] | {"page": http["page"], "references": http["references"]}
                http["person_24m"] = http.pop("person")
                points = ingest_points[n * INGEST_POINTS : (n + 1) * INGEST_POINTS]
                with stage("ingest"):
                    ingest = ingest_against_copy(
                        pg, ports, points, args.events, seed=100 + n, blocks=args.blocks
                    )
                del ingest["written"]
                with stage("retention"):
                    retained = one_day_of_retention(name, first_point, pg)
                    retained["week"] = oldest_weeks_dropped(name, first_point, pg)
                sessions = pg.execute("SELECT count(*) FROM records_sessionrecord").fetchone()[0]
                run = {
                    "sessions": sessions,
                    "stage_seconds": stage.seconds,
                    "prewarmed": warmed,
                    "database": database,
                    "http": http,
                    "ingest": ingest,
                    "retention": retained,
                    "bytes": bytes_on_disk(pg, sessions),
                }
                print(json.dumps(run), file=sys.stderr)
                runs.append(run)
        print(
            json.dumps(
                {
                    "sizes": sizes,
                    "size_factors": [
                        round(b / a, 2) for a, b in zip(sizes, sizes[1:], strict=False)
                    ],
                    "samples": args.samples,
                    "http_samples": args.http_samples,
                    "runs": runs,
                    "growth": growth(runs),
                    "targets_at": sizes[-1],
                    "targets": targets(runs[-1]),
                }
            )
        )


def index_account(args) -> None:
    """Ingest against COPY with all indexes, then each accounted index dropped in turn, the
    three that hold a session's end dropped together, and none; `--repeat` times over."""
    with provider_database("bench_i_account", args.keep) as (name, env, servers):
        import psycopg

        every = [i for names in ACCOUNTED.values() for i in names]
        rounds = [("all", [])] + [(i, [i]) for i in every]
        rounds += [("the three holding ended_at", ENDED_AT), ("none", every)]
        rounds *= args.repeat
        points = enroll_points(INGEST_POINTS * len(rounds))
        figures: dict[str, list] = {}
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            ports = serve(env, 2, servers)
            for n, (label, patterns) in enumerate(rounds):
                gone = [
                    found
                    for pattern in patterns
                    for found in pg.execute(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
                        " AND indexname LIKE %s",
                        [list(ACCOUNTED), pattern + "%"],
                    ).fetchall()
                ]
                for index, _definition in gone:
                    pg.execute(f'DROP INDEX "{index}"')
                mine = points[n * INGEST_POINTS : (n + 1) * INGEST_POINTS]
                measured = ingest_against_copy(pg, ports, mine, args.events, seed=100 + n)
                for table, where in reversed(measured.pop("written").items()):
                    pg.execute(f"DELETE FROM {table} WHERE {where}")  # noqa: S608
                pg.execute("VACUUM")
                for _index, definition in gone:  # a whole index again, not the parent's alone
                    pg.execute(definition.replace(" ON ONLY ", " ON "))
                del measured["rows"]
                figures.setdefault(label, []).append(measured)
                print(f"{label} ({[i for i, _d in gone]}): {measured}", file=sys.stderr)
        print(json.dumps({"events": args.events, "repeat": args.repeat, "dropped": figures}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k and 300k sessions")
    parser.add_argument("--sizes", default="10000000,30000000,100000000")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--http-samples", type=int, default=300)
    parser.add_argument("--events", type=int, default=None)
    parser.add_argument("--warmup", type=int, default=100, help="untimed HTTP searches first")
    parser.add_argument("--index-account", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the index account")
    parser.add_argument("--keep", action="store_true", help="leave the database for a look")
    args = parser.parse_args()
    if args.index_account:
        args.events = args.events or 200_000
        index_account(args)
        return
    args.phases, args.blocks = PHASES, True
    if args.quick:
        # Within a minute: the HTTP searches without the pages between API calls, fewer of
        # them, and no block counts (reading the servers' waits 11 s at each size).
        args.sizes, args.samples, args.http_samples = "100000,300000", 200, 20
        args.warmup, args.phases, args.blocks = 5, ("api", "page"), False
    args.events = args.events or (10_000 if args.quick else 100_000)
    scale(args)


if __name__ == "__main__":
    main()
