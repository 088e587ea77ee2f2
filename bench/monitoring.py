"""The Sở TT&TT's province view and the violations job on a large provider database.

Usage: .venv/bin/python bench/monitoring.py [--quick] [--points 5000] [--sessions 1000000]

A fresh PostgreSQL database with the provider's schema is filled by COPY: `--points` points
over the 34 provinces (a fifth of them in Hà Nội), a heartbeat from each every 5 minutes over
the last 24 hours, and `--sessions` sessions over the last 24 hours (a tenth of the customers
minors). Then, each several times: the province view's rows for Hà Nội (figures.point_rows),
the dashboard's chart queries, and the violations job over every point
(services.find_violations, the first run storing, the second finding nothing new). Reference
in the same run: one `count(*)` over today's sessions of Hà Nội's points. The last line is
one JSON object.
"""

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import PG, provider_database  # noqa: E402

PEOPLE = 50_000


def fill(pg, points: int, sessions: int, now: datetime) -> None:
    from netpoint.provider.registry import divisions

    rng = random.Random(3)
    provinces = [code for code, _name in divisions.provinces()]
    enterprise = pg.execute(
        "INSERT INTO registry_enterprise (name, tax_code, address, contact_email, contact_phone)"
        " VALUES ('Doanh nghiệp đo tải', '0100009996', '', '', '') RETURNING id"
    ).fetchone()[0]
    with pg.cursor().copy(
        "COPY registry_point (enterprise_id, code, name, point_type, owner_name, licence_number,"
        " province_code, ward_code, street_address, public_ips, contract_type, venue_type,"
        " active, created_at, licence_expires_on) FROM STDIN"
    ) as copy:
        for n in range(points):
            province = 1 if n % 5 == 0 else rng.choice(provinces)
            ward = rng.choice(divisions.wards_of(province))[0]
            copy.write_row(
                (
                    enterprise,
                    f"P{n:05d}",
                    f"Điểm {n}",
                    rng.choice(["game", "internet"]),
                    "Chủ",
                    "",
                    province,
                    ward,
                    "Phố",
                    "[]",
                    "household",
                    "internet_cafe",
                    True,
                    now,
                    date(2027, 1, 1) if n % 50 else now.date(),
                )
            )
    ids = [r[0] for r in pg.execute("SELECT id FROM registry_point ORDER BY id").fetchall()]
    with pg.cursor().copy(
        "COPY records_heartbeat (point_id, at, software_version, software_hash,"
        " stations_in_use, stations_total) FROM STDIN"
    ) as copy:
        for point in ids:
            silent = point % 40 == 0  # a few points stopped talking two hours ago
            for step in range(24 if silent else 0, 288):
                at = now - timedelta(minutes=5 * (287 - step)) - timedelta(hours=2 * silent)
                copy.write_row((point, at, "1.2.0", "a" * 64, rng.randint(0, 20), 20))
    with pg.cursor().copy(
        "COPY records_person (id_index, id_type, id_number_sealed, phone_index, phone_sealed,"
        " full_name, date_of_birth, gender, address, first_seen_at, last_seen_at) FROM STDIN"
    ) as copy:
        for n in range(PEOPLE):
            born = date(2011, 1, 1) if n % 10 == 0 else date(1990, 1, 1)
            copy.write_row(
                (
                    f"{n:064x}",
                    "cccd",
                    "bench",
                    "",
                    "",
                    f"Người {n}",
                    born,
                    "",
                    "",
                    now - timedelta(days=3),
                    now,
                )
            )
    people = [r[0] for r in pg.execute("SELECT id FROM records_person").fetchall()]
    with pg.cursor().copy(
        "COPY records_pointperson (point_id, local_id, person_id, guardian_relation,"
        " registered_at) FROM STDIN"
    ) as copy:
        pairs = set()
        for n in range(sessions):
            pairs.add((ids[n % len(ids)], people[n * 7919 % len(people)]))
        for local, (point, person) in enumerate(pairs, 1):
            copy.write_row((point, local, person, "", now - timedelta(days=3)))
    with pg.cursor().copy(
        "COPY records_sessionrecord (point_id, local_id, person_id, station, kind, started_at,"
        " ended_at, end_reason, charge) FROM STDIN"
    ) as copy:
        for n in range(sessions):
            started = now - timedelta(seconds=rng.randint(3600, 86400))
            copy.write_row(
                (
                    ids[n % len(ids)],
                    n + 1,
                    people[n * 7919 % len(people)],
                    f"M{n % 20:02d}",
                    "walk_in",
                    started,
                    started + timedelta(minutes=50),
                    "checkout",
                    5000,
                )
            )
    pg.execute("ANALYZE")


def timed(function, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return {
        "median_ms": round(statistics.median(samples) * 1000, 1),
        "max_ms": round(max(samples) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 points, 100,000 sessions")
    parser.add_argument("--points", type=int, default=5000)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    args = parser.parse_args()
    points = 1000 if args.quick else args.points
    sessions = 100_000 if args.quick else args.sessions
    with provider_database("netpoint_monitoring") as (name, env, _servers):
        import django
        import psycopg

        django.setup()
        from django.db import connection

        from netpoint.common.core.policy import local_tz
        from netpoint.provider.monitoring import services
        from netpoint.provider.monitoring.figures import (
            online_over_time,
            point_rows,
            sessions_per_hour,
            violations_by_kind,
        )
        from netpoint.provider.monitoring.models import Violation
        from netpoint.provider.monitoring.scope import Scope
        from netpoint.provider.records import partitions

        now = datetime.now(UTC).replace(microsecond=0)
        with connection.cursor() as cursor:
            for table, column in partitions.LARGE_TABLES.items():
                partitions.ensure_partitions(
                    cursor, table, column, (now - timedelta(days=3)).date(), now.date()
                )
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            print(f"filling {points} points, {sessions} sessions", file=sys.stderr)
            fill(pg, points, sessions, now)
        hanoi = Scope(1)
        midnight = now.astimezone(local_tz()).replace(hour=0, minute=0, second=0)

        def reference():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM records_sessionrecord s JOIN registry_point p"
                    " ON p.id = s.point_id WHERE p.province_code = 1 AND s.started_at >= %s",
                    [midnight],
                )
                cursor.fetchone()

        runs = 5 if args.quick else 10
        figures = {
            "points": points,
            "sessions": sessions,
            "hanoi_points": hanoi.points().count(),
            "reference_count_ms": timed(reference, runs),
            "province_rows_ms": timed(lambda: point_rows(hanoi), runs),
            "dashboard_charts_ms": timed(
                lambda: (
                    sessions_per_hour(hanoi),
                    online_over_time(hanoi),
                    violations_by_kind(hanoi),
                ),
                runs,
            ),
        }
        started = time.perf_counter()
        first = services.find_violations(now)
        figures["violations_job_first_s"] = round(time.perf_counter() - started, 2)
        figures["violations_found"] = Violation.objects.count()
        started = time.perf_counter()
        second = services.find_violations(now)
        figures["violations_job_again_s"] = round(time.perf_counter() - started, 2)
        figures["new_on_second_run"] = len(second.noticed)
        figures["new_on_first_run"] = len(first.noticed)
        figures["province_rows_vs_reference"] = round(
            figures["province_rows_ms"]["median_ms"] / figures["reference_count_ms"]["median_ms"], 1
        )
        connection.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
