"""Attribution queries on a large provider database: in PostgreSQL and over HTTP.

Usage: .venv/bin/python bench/attribution.py [--quick] [--sessions 10000000] [--samples 2000]

A fresh PostgreSQL database with the provider's schema is filled by COPY with generated
records: 1,000 points with 20 stations and a public IP each, 1M generated people (CCCD sealed,
blind-indexed), and `--sessions` sessions back to back over the last 30 days (week partitions;
2% of them last 12 to 24 hours, the rest about an hour), and the tables the searches read are
loaded into shared buffers (`prewarm`). Then each attribution query runs
`--samples` times with random arguments, after WARMUP untimed ones: (1) who was at point P,
station S at time T; (2) where and when did person X (by CCCD, through the blind index) use the
service; (3) who used public IP A at time T. First in the database (the SQL the services run,
through psycopg), then over HTTP (`netpoint serve`, a logged-in authority user, an approved
written request; each search also appends to the audit log): through the JSON search API, then
on the search page (rendered whole), then the API again with a page rendered before each call.
Prints p50/p99 of each; the last line is one JSON object. Targets: p99 <= 1 ms in the database,
<= 10 ms over HTTP.

References measured in the same loops, one after each round of searches: a prepared `SELECT 1`
(the database's round trip), and a fixed piece of Python work (about 0.3 ms of arithmetic,
nothing else) in the database part and again in the HTTP part. The fixed work's p99 / p50
(`steady_work`) is the machine's own jitter: on some machines a run of the same work is now
and then 2-6x slower for tens of milliseconds (seen 2026-12-01 every 1.5-2 s, one process
alone on an idle machine), which every p99 here then carries too.

NAT part (issue 8): `--nat-bindings` (10M; 63,000 with --quick) NAT bindings of 50 Wi-Fi hotspots'
gateways sharing 500 public addresses, port blocks of 512 given back to back over the 30 days, then
"public IP + port + instant -> binding" (netpoint.provider.modules.nat.services.HELD_SQL: the port
ranges holding the port, then one B-tree descent per range) `--samples` times in the database.
`--nat-only` runs only this part.
"""

import argparse
import http.client
import json
import random
import re
import statistics
import sys
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import PG, provider_database, serve  # noqa: E402

POINTS, STATIONS, PEOPLE, SEARCHED = 1000, 20, 1_000_000, 500
# The people searched for are regulars: about two sessions a day over the 30 days.
SESSIONS_PER_SEARCHED = 60
# Sessions lasting 12 to 24 hours (records.attribution.LONG_SESSION); the rest about an hour.
LONG_SHARE = 0.02
PASSWORD = "bench-only-password-0123"
# Untimed searches of each kind first, as a server in service has made them: the first
# searches on a new connection or process prepare their statements and fill PostgreSQL's and
# Python's caches (up to ~28 ms over HTTP for the first few dozen, measured 2026-11-30).
WARMUP = 100


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 3),
    }


def steady_work() -> float:
    """Seconds taken by the same fixed arithmetic every time: the machine's jitter."""
    started = time.perf_counter()
    sum(range(20_000))
    return time.perf_counter() - started


def with_ratio(figures: dict) -> dict:
    return figures | {"p99_over_p50": round(figures["p99_ms"] / figures["p50_ms"], 2)}


# Each person from the id given on, registered at point `first + id % points` with their id as
# its own (arguments: the first point, the points, the id).
VERSIONS_OF_PEOPLE = (
    "INSERT INTO records_pointperson (point_id, local_id, person_id, guardian_relation,"
    " registered_at, id_type, id_number_sealed, phone_index, phone_sealed, full_name,"
    " date_of_birth, gender, address, said_at, received_at)"
    " SELECT %s + id %% %s, id, id, '', first_seen_at, id_type, id_number_sealed,"
    " phone_index, phone_sealed, full_name, date_of_birth, gender, address, first_seen_at,"
    " first_seen_at FROM records_person WHERE id > %s"
)


def fill(pg, sessions: int, people: int, now: datetime, ring) -> list[tuple[str, str]]:
    """COPY the generated records; returns (CCCD, blind index) of the people searched."""
    from netpoint.common.identity.fake import fake_person
    from netpoint.common.sealing.crypto import seal
    from netpoint.common.sealing.indexes import ID_COLUMN, id_index

    rng = random.Random(5)
    enterprise = pg.execute(
        "INSERT INTO registry_enterprise (name, tax_code, address, contact_email, contact_phone)"
        " VALUES ('Doanh nghiệp đo tải', '0100009997', '', '', '') RETURNING id"
    ).fetchone()[0]
    with pg.cursor().copy(
        "COPY registry_point (enterprise_id, code, name, point_type, owner_name, licence_number,"
        " province_code, ward_code, street_address, public_ips, contract_type, venue_type,"
        " active, created_at) FROM STDIN"
    ) as copy:
        for n in range(POINTS):
            ip = json.dumps([f"100.{64 + n // 65536}.{n // 256 % 256}.{n % 256}"])
            copy.write_row(
                (
                    enterprise,
                    f"P{n:05d}",
                    f"Điểm {n}",
                    "internet",
                    "Chủ",
                    "",
                    1,
                    4,
                    "Phố",
                    ip,
                    "household",
                    "internet_cafe",
                    True,
                    now,
                )
            )
    searched = []
    with pg.cursor().copy(
        "COPY records_person (id_index, id_type, id_number_sealed, phone_index, phone_sealed,"
        " full_name, date_of_birth, gender, address, first_seen_at, last_seen_at) FROM STDIN"
    ) as copy:
        seen = set()
        for n in range(people):
            somebody = fake_person(rng)
            while somebody.cccd in seen:  # one person per CCCD, as in life
                somebody = fake_person(rng)
            seen.add(somebody.cccd)
            index = id_index("cccd", somebody.cccd, ring)
            if n < SEARCHED:
                searched.append((somebody.cccd, index))
            sealed = seal(somebody.cccd, ID_COLUMN, ring)
            copy.write_row(
                (
                    index,
                    "cccd",
                    sealed,
                    "",
                    "",
                    somebody.full_name,
                    somebody.date_of_birth,
                    somebody.gender,
                    "",
                    now,
                    now,
                )
            )
    first_person = pg.execute("SELECT min(id) FROM records_person").fetchone()[0]
    first_point = pg.execute("SELECT min(id) FROM registry_point").fetchone()[0]
    # Each person's version as the point that registered them said it (records.people): the
    # searches show every point's version, and find people by them.
    pg.execute(VERSIONS_OF_PEOPLE, [first_point, POINTS, first_person - 1])
    per_station = sessions // (POINTS * STATIONS)
    searched_share = min(1.0, SEARCHED * SESSIONS_PER_SEARCHED / max(sessions, 1))
    step = timedelta(days=30) / max(per_station, 1)
    start = now - timedelta(days=30)
    with pg.cursor().copy(
        "COPY records_sessionrecord (point_id, local_id, person_id, station, kind, started_at,"
        " ended_at, end_reason, charge) FROM STDIN"
    ) as copy:
        for point in range(POINTS):
            local = 0
            for station in range(STATIONS):
                at = start + step * rng.random()
                for _ in range(per_station):
                    local += 1
                    # A searched person every so often, so person searches find sessions.
                    regular = rng.random() < searched_share
                    person = rng.randrange(SEARCHED if regular else people)
                    ended = at + step * 0.8
                    if rng.random() < LONG_SHARE:  # all night, or all day and night
                        ended = at + timedelta(hours=12 + 12 * rng.random())
                    copy.write_row(
                        (
                            first_point + point,
                            local,
                            first_person + person,
                            f"M{station:02d}",
                            "walk_in",
                            at,
                            ended,
                            "check_out",
                            6000,
                        )
                    )
                    at += step
    # As autovacuum would soon after: statistics, and the visibility map that lets the
    # covering indexes answer without reading table pages.
    pg.execute("VACUUM ANALYZE")
    settle(pg)
    return searched


def settle(pg) -> None:
    """Write out what the fill left in shared buffers before anything is timed: a server in
    service checkpoints a little at a time, while after the fill the checkpointer would be
    writing gigabytes during the samples."""
    pg.execute("CHECKPOINT")


# What the searches read, as a server in service holds it: the sessions' indexes the searches use
# (not the one ingest keeps by the point's own number), every index and row of the access
# records, people, their versions, the points and the written requests. Not the sessions' own
# pages, which the covering indexes spare them (records migration 0013), nor what no search
# reads (events, heartbeats, RADIUS sessions, read by the Wi-Fi searches, which are not timed
# here). What is read last stays where not all fits (and goes into shared buffers first,
# `prewarm`): so first what only the search pages read (access records, the points' versions of
# people), then the people's sessions over 24 months (a hundred entries a search), then the
# sessions' indexes by point and time, oldest week first, and last the people, points and
# requests with their indexes, which every search reads.
SEARCHED_RELATIONS = r"""
WITH rows_read AS (
  SELECT relid, 0 AS rank FROM pg_partition_tree('accessrecords_accessrecord') WHERE isleaf
  UNION ALL
  SELECT c.oid, CASE WHEN c.relname = 'records_pointperson' THEN 0 ELSE 3 END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r' AND (c.relname LIKE 'authority\_%'
    OR c.relname IN ('records_person', 'records_pointperson', 'registry_point'))
), searched AS (
  SELECT relid, rank, '' AS week FROM rows_read
  UNION ALL
  SELECT i.indexrelid, r.rank, '' FROM pg_index i JOIN rows_read r ON r.relid = i.indrelid
  UNION ALL
  SELECT t.relid, CASE WHEN name = 'session_by_person' THEN 1 ELSE 2 END,
    i.indrelid::regclass::text
  FROM unnest(ARRAY['session_by_person', 'session_by_point_time', 'long_session_by_point_time',
    'moved_session_by_person', 'moved_session_by_point_time']) AS name,
    pg_partition_tree(name::regclass) t JOIN pg_index i ON i.indexrelid = t.relid
  WHERE t.isleaf
)
SELECT relid, pg_relation_size(relid) FROM searched ORDER BY rank, week, relid
"""


def prewarm(pg) -> dict:
    """Read the tables and indexes the searches use (SEARCHED_RELATIONS) into memory, as a server
    in service holds them (docs/DEPLOY.md: autoprewarm). A COPY passes through a small ring of
    buffers, so the fill leaves most of the sessions' and people's pages out of them, and this
    machine's page cache kept few of them: the first searches read from disk (2026-12-01: IP
    search p99 7.6 ms, station 3.7 ms until read). The relations every search reads, ranked last,
    go into shared buffers as far as 90% of them hold; the others into the operating system's
    cache."""
    pg.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
    relations = pg.execute(SEARCHED_RELATIONS).fetchall()
    buffers = pg.execute("SELECT pg_size_bytes(current_setting('shared_buffers'))").fetchone()[0]
    room, buffered = buffers * 0.9, set()
    for oid, bytes_ in reversed(relations):
        if bytes_ <= room:
            room -= bytes_
            buffered.add(oid)
    started = time.perf_counter()
    into = {"buffer": 0, "read": 0}
    for oid, bytes_ in relations:
        mode = "buffer" if oid in buffered else "read"
        pg.execute("SELECT pg_prewarm(%s::regclass, %s)", (oid, mode))
        into[mode] += bytes_
    return {
        "mb": sum(into.values()) // 2**20,
        "into_shared_buffers_mb": into["buffer"] // 2**20,
        "into_page_cache_mb": into["read"] // 2**20,
        "shared_buffers_mb": buffers // 2**20,
        "seconds": round(time.perf_counter() - started, 1),
    }


NAT_ADDRESSES, NAT_HOTSPOTS, NAT_BLOCK, NAT_FIRST_PORT = 500, 50, 512, 1024
NAT_BLOCKS = (65536 - NAT_FIRST_PORT) // NAT_BLOCK


def fill_nat(pg, bindings: int, now: datetime) -> None:
    """COPY the generated bindings, each port block given to one private address after
    another over the last 30 days, the last still held. The indexes are built after the COPY,
    as a restore would."""
    rng = random.Random(7)
    enterprise = pg.execute(
        "INSERT INTO registry_enterprise (name, tax_code, address, contact_email,"
        " contact_phone) VALUES ('Doanh nghiệp Wi-Fi đo tải', '0100009998', '', '', '')"
        " RETURNING id"
    ).fetchone()[0]
    devices = []
    for n in range(NAT_HOTSPOTS):
        point = pg.execute(
            "INSERT INTO registry_point (enterprise_id, code, name, point_type, owner_name,"
            " licence_number, province_code, ward_code, street_address, public_ips,"
            " contract_type, venue_type, active, created_at) VALUES (%s, %s, %s, 'wifi', 'Chủ',"
            " '', 1, 4, 'Phố', '[]', 'organisation', 'cafe', true, %s) RETURNING id",
            (enterprise, f"W{n:05d}", f"Điểm Wi-Fi {n}", now),
        ).fetchone()[0]
        devices.append(
            pg.execute(
                "INSERT INTO nat_natdevice (point_id, name, ip_address, active)"
                " VALUES (%s, %s, %s, true) RETURNING id",
                (point, f"NAT {n}", f"192.0.2.{n + 1}"),
            ).fetchone()[0]
        )
    indexes = pg.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'nat_binding'"
        " AND indexname <> 'nat_binding_pkey'"
    ).fetchall()
    for index, _definition in indexes:
        pg.execute(f'DROP INDEX "{index}"')
    per_block = max(1, -(-bindings // (NAT_ADDRESSES * NAT_BLOCKS)))  # at least `bindings`
    step = timedelta(days=30) / per_block
    start = now - timedelta(days=30)
    with pg.cursor().copy(
        "COPY nat_binding (device_id, public_ip, port_first, port_last, private_ip, protocol,"
        " started_at, ended_at) FROM STDIN"
    ) as copy:
        for address in range(NAT_ADDRESSES):
            public = f"203.0.{113 + address // 250}.{address % 250 + 1}"
            device = devices[address % NAT_HOTSPOTS]
            for block in range(NAT_BLOCKS):
                first = NAT_FIRST_PORT + block * NAT_BLOCK
                at = start + step * rng.random() * 0.1
                for k in range(per_block):
                    private = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
                    ended = None if k == per_block - 1 else at + step * (0.5 + 0.45 * rng.random())
                    copy.write_row(
                        (device, public, first, first + NAT_BLOCK - 1, private, None, at, ended)
                    )
                    at += step
    pg.execute(
        "INSERT INTO nat_portblock (public_ip, port_first, port_last)"
        " SELECT DISTINCT public_ip, port_first, port_last FROM nat_binding"
    )
    for _index, definition in indexes:
        pg.execute(definition)
    pg.execute("VACUUM ANALYZE nat_binding")
    pg.execute("VACUUM ANALYZE nat_portblock")
    settle(pg)


def nat_in_database(pg, samples: int, now: datetime, rng) -> dict:
    """The IP:port@time lookup as the services run it, prepared; the first 50 (untimed) let
    the connection make its plan, as a provider's long-lived connections have."""
    from netpoint.provider.modules.nat.services import HELD_SQL

    times, found = [], 0
    for n in range(samples + 50):
        address = rng.randrange(NAT_ADDRESSES)
        public = f"203.0.{113 + address // 250}.{address % 250 + 1}"
        port = rng.randrange(NAT_FIRST_PORT, 65536)
        at = now - timedelta(days=29) * rng.random()
        started = time.perf_counter()
        arguments = {"address": public, "port": port, "at": at}
        rows = pg.execute(HELD_SQL, arguments, prepare=True).fetchall()
        if n >= 50:
            times.append(time.perf_counter() - started)
            found += len(rows)
    return percentiles(times) | {"rows_found": found}


def in_database(pg, samples: int, now: datetime, searched, request_id: int, rng) -> dict:
    """The services' own SQL (netpoint.provider.records.attribution), prepared, with generic plans,
    in binary, as the provider runs it. Each search is one statement: the points (by code, by
    address) or the person (by blind index), whether written request `request_id` covers them,
    and their sessions."""
    from netpoint.provider.authority.scope import PERSON_COVERED, POINT_COVERED
    from netpoint.provider.records.attribution import statement_at_points, statement_if_covered
    from netpoint.provider.records.lookups import POINTS_SQL, POINTS_WHERE

    pg.execute("SET plan_cache_mode = force_generic_plan")
    # As Django's connections are: in UTC, whose timestamps psycopg loads without a zone lookup.
    pg.execute("SET TIME ZONE 'UTC'")
    longest = timedelta(hours=72)
    found, times = {}, {"station": [], "person": [], "ip": []}
    references = {"select_1": [], "steady_work": []}

    def of_person(index, time_from, time_to):
        covered = PERSON_COVERED["id_index"], (index, request_id)
        sql, params = statement_if_covered(
            *covered, "id_index", (index,), time_from, time_to, longest
        )
        return pg.execute(sql, params, prepare=True, binary=True).fetchall()

    def at_points(by, value, which, args, at):
        points = (
            POINTS_SQL.format(covered=POINT_COVERED, where=POINTS_WHERE[by]),
            (request_id, value),
        )
        sql, params = statement_at_points(*points, which, args, at, at, longest)
        rows = pg.execute(sql, params, prepare=True, binary=True).fetchall()
        return [row for row in rows if row[2] is not None]  # not the rows of points alone

    for n in range(WARMUP + samples):
        at = now - timedelta(days=29) * rng.random()
        point = rng.randrange(POINTS)
        station = f"M{rng.randrange(STATIONS):02d}"
        address = json.dumps([f"100.64.{point // 256}.{point % 256}"])
        person = rng.choice(searched)[1]
        cases = {
            "station": (at_points, ("station", f"P{point:05d}", "station", (station,), at)),
            "person": (of_person, (person, now - timedelta(days=30), now)),
            "ip": (at_points, ("ip", address, "points", (), at)),
        }
        for kind, (run, arguments) in cases.items():
            started = time.perf_counter()
            rows = run(*arguments)
            if n >= WARMUP:
                times[kind].append(time.perf_counter() - started)
                found[kind] = found.get(kind, 0) + len(rows)
        started = time.perf_counter()
        pg.execute("SELECT 1", prepare=True).fetchall()
        references["select_1"].append(time.perf_counter() - started)
        references["steady_work"].append(steady_work())
    figures = {
        kind: with_ratio(percentiles(t)) | {"rows_found": found[kind]} for kind, t in times.items()
    }
    figures["references"] = {
        name: with_ratio(percentiles(t[WARMUP:])) for name, t in references.items()
    }
    return figures


class Browser:
    """A logged-in session on the search page, over one keep-alive connection."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, as_json=False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = json.dumps(form) if as_json else urllib.parse.urlencode(form)
            kind = "application/json" if as_json else "application/x-www-form-urlencoded"
            headers |= {
                "Content-Type": kind,
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
                "Referer": "http://127.0.0.1/",
            }
        self.connection.request(method, path, body=body, headers=headers)
        answer = self.connection.getresponse()
        text = answer.read().decode()
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return answer.status, text


PHASES = ("api", "page", "api_between_pages")


def over_http(
    port: int,
    request_id: int,
    samples: int,
    now: datetime,
    searched,
    rng,
    warmup: int = WARMUP,
    phases: tuple[str, ...] = PHASES,
) -> dict:
    """The same searches through the JSON API, then on the search page (the whole page
    rendered), then both in turn (the API's figures while the same process renders pages
    between its calls), as one logged-in authority user; `phases` of those."""
    browser = Browser(port)
    browser.request("GET", "/login/")
    status, _ = browser.request("POST", "/login/", {"username": "dieutra", "password": PASSWORD})
    if status != 302:
        raise SystemExit(f"could not log in ({status})")
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    asked = []
    for _ in range(warmup + samples):
        at = now - timedelta(days=29) * rng.random()
        point = rng.randrange(POINTS)
        searches = {
            "station": {"kind": "station", "value": f"P{point:05d}/M{rng.randrange(STATIONS):02d}"},
            "person": {"kind": "id_number", "value": rng.choice(searched)[0]},
            "ip": {"kind": "ip", "value": f"100.64.{point // 256}.{point % 256}"},
        }
        for kind, search in searches.items():
            if kind != "person":  # the page takes Vietnam's time; the API an offset time
                page_form = search | {"at": at.astimezone(vietnam).strftime("%Y-%m-%dT%H:%M")}
                api_body = search | {"at": at.isoformat()}
            else:
                page_form = api_body = search
            asked.append((kind, page_form, api_body))

    def page(form: dict) -> None:
        status, text = browser.request("POST", f"/van-ban/{request_id}/tim/", form)
        if status != 200 or 'id="results"' not in text:
            raise SystemExit(f"page answered {status}: {re.sub('<[^>]+>', ' ', text)[:300]}")

    def api(body: dict) -> None:
        path = f"/api/v1/authority/requests/{request_id}/searches"
        status, text = browser.request("POST", path, body, as_json=True)
        if status != 200:
            raise SystemExit(f"API answered {status}: {text[:300]}")

    figures = {}
    work = []
    for phase in phases:
        times = {"station": [], "person": [], "ip": []}
        for n, (kind, page_form, api_body) in enumerate(asked):
            if phase == "api" and kind == "station" and n >= warmup * 3:
                work.append(steady_work())
            if phase == "api_between_pages":
                page(page_form)
            started = time.perf_counter()
            if phase == "page":
                page(page_form)
            else:
                api(api_body)
            if n >= warmup * 3:
                times[kind].append(time.perf_counter() - started)
        figures[phase] = {kind: with_ratio(percentiles(t)) for kind, t in times.items()}
    figures["references"] = {"steady_work": with_ratio(percentiles(work))}
    return figures


def approved_request(now: datetime, searched, days: int = 31) -> int:
    """The written request the searches run under: the people searched for and every point
    over the last `days`, approved; its id."""
    from django.contrib.auth.models import Group, User

    from netpoint.provider.authority import services
    from netpoint.provider.authority.models import Member, Organisation
    from netpoint.provider.registry.models import Point

    police = Organisation.objects.create(name="Công an đo tải", kind="police")
    investigator = User.objects.create_user("dieutra", password=PASSWORD)
    investigator.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=investigator, organisation=police)
    officer = User.objects.create_user("pheduyet", password=PASSWORD)
    officer.groups.add(Group.objects.get(name="approving_officer"))

    written = services.register(
        police,
        investigator,
        {
            "document_number": "1/DO-TAI",
            "document_date": now.date(),
            "issuing_body": "Công an đo tải",
            "signer": "Người ký",
            "subject": "Đo tải",
            "legal_basis": "Đo tải",
            "id_numbers": [("cccd", cccd) for cccd, _index in searched],
            "point_codes": list(Point.objects.values_list("code", flat=True)),
            "time_from": now - timedelta(days=days),
            "time_to": now,
            "valid_until": now + timedelta(days=1),
        },
    )
    services.decide(written, officer, approve=True)
    return written.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200,000 sessions, under a minute")
    parser.add_argument("--sessions", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--nat-bindings", type=int, default=10_000_000)
    parser.add_argument("--nat-only", action="store_true", help="only the NAT bindings part")
    parser.add_argument("--keep", action="store_true", help="leave the database for a look")
    args = parser.parse_args()
    nat_bindings = 63_000 if args.quick else args.nat_bindings
    sessions = 200_000 if args.quick else args.sessions
    samples = 300 if args.quick else args.samples
    people = 50_000 if args.quick else PEOPLE
    # Each HTTP sample is a page and an API call for each kind: fewer keep --quick in a minute.
    http_samples = 100 if args.quick else samples
    cookies = {"NETPOINT_INSECURE_COOKIES": "1"}
    with provider_database("netpoint_attribution", args.keep, **cookies) as (name, env, servers):
        import django
        import psycopg

        django.setup()

        from netpoint.common.sealing.indexes import key_ring
        from netpoint.provider.records import partitions

        now = datetime.now(UTC).replace(microsecond=0)
        from django.db import connection

        with connection.cursor() as cursor:
            for table, column in partitions.LARGE_TABLES.items():
                partitions.ensure_partitions(
                    cursor, table, column, (now - timedelta(days=31)).date(), now.date()
                )
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            print(f"filling {nat_bindings} NAT bindings", file=sys.stderr)
            started = time.perf_counter()
            fill_nat(pg, nat_bindings, now)
            nat_fill_seconds = time.perf_counter() - started
            nat = nat_in_database(pg, samples, now, random.Random(10))
            nat |= {
                "bindings": pg.execute("SELECT count(*) FROM nat_binding").fetchone()[0],
                "fill_seconds": round(nat_fill_seconds, 1),
            }
            print(f"NAT IP:port@time in the database: {nat}", file=sys.stderr)
            if args.nat_only:
                print(json.dumps({"samples": samples, "nat": nat}))
                return
            print(f"filling {sessions} sessions", file=sys.stderr)
            started = time.perf_counter()
            searched = fill(pg, sessions, people, now, key_ring())
            fill_seconds = time.perf_counter() - started
            warmed = prewarm(pg)
            print(f"prewarmed {warmed}", file=sys.stderr)
            request_id = approved_request(now, searched)
            database = in_database(pg, samples, now, searched, request_id, random.Random(9))
            total = pg.execute("SELECT count(*) FROM records_sessionrecord").fetchone()[0]

        (port,) = serve(env, 1, servers)
        http_figures = over_http(port, request_id, http_samples, now, searched, random.Random(9))
        print(
            json.dumps(
                {
                    "sessions": total,
                    "fill_seconds": round(fill_seconds, 1),
                    "prewarmed": warmed,
                    "samples": samples,
                    "database": database,
                    "http": http_figures,
                    "nat": nat,
                }
            )
        )


if __name__ == "__main__":
    main()
