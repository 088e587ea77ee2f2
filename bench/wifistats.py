"""How long the public Wi-Fi statistics take over a year of accounting sessions, with PostgreSQL.

Usage: .venv/bin/python bench/wifistats.py [--quick] [--points 1000] [--sessions 5000000]

A fresh database gets the provider's schema, `--points` public Wi-Fi points spread over the
provinces, venue and contract types, one NAS each, and `--sessions` radacct rows started at
random over 365 days, each with one of 20 devices per point (generated, locally administered
MACs). Then `stats.statistics` (what the page and the API run) is timed, best of three, for
the last 30 days and for the whole year, over every point and over one province; a plain
`count(*)` of the same year's rows is the reference. The last line is one JSON object.
"""

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import provider_database  # noqa: E402


def setup(points: int, sessions: int) -> None:
    import django

    django.setup()
    from django.db import connection

    from netpoint.provider.modules.wifi.models import Nas
    from netpoint.provider.registry import divisions
    from netpoint.provider.registry.models import Enterprise, Point

    enterprise = Enterprise.objects.create(name="Doanh nghiệp đo tải", tax_code="0100008888")
    provinces = [code for code, _name in divisions.provinces()]
    venues, contracts = Point.Venue.values, Point.Contract.values
    made = Point.objects.bulk_create(
        [
            Point(
                enterprise=enterprise,
                code=f"WF-{n:05d}",
                name=f"Điểm Wi-Fi {n}",
                point_type=Point.Type.WIFI,
                owner_name="Chủ đo tải",
                province_code=provinces[n % len(provinces)],
                ward_code=divisions.wards_of(provinces[n % len(provinces)])[0][0],
                street_address="1 Phố Thử",
                venue_type=venues[n % len(venues)],
                contract_type=contracts[n % len(contracts)],
            )
            for n in range(points)
        ]
    )
    Nas.objects.bulk_create(
        [
            Nas(point=p, name=f"NAS {n}", ip_address=f"10.{n // 250}.{n % 250}.1", secret_sealed="")
            for n, p in enumerate(made)
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO radacct (acctsessionid, acctuniqueid, nasipaddress, acctstarttime, "
            "acctstoptime, callingstationid) "
            "SELECT n::text, 'b-' || n, "
            "('10.' || (p / 250) || '.' || (p %% 250) || '.1')::inet, start, "
            "start + interval '40 minutes', "
            "'02-00-' || lpad(to_hex(p / 256), 2, '0') || '-' || lpad(to_hex(p %% 256), 2, '0') "
            "|| '-00-' || lpad(to_hex(floor(random() * 20)::int), 2, '0') "
            "FROM (SELECT n, (n::bigint * 7919) %% %s AS p, "
            "now() - random() * interval '365 days' AS start "
            "FROM generate_series(1, %s) AS n) AS s",
            [points, sessions],
        )
        cursor.execute("VACUUM ANALYZE radacct")


def best_of_three(run) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500,000 sessions")
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=5_000_000)
    args = parser.parse_args()
    sessions = 500_000 if args.quick else args.sessions
    with provider_database(prefix="netpoint_bench_wifistats"):
        started = time.perf_counter()
        setup(args.points, sessions)
        print(
            f"{sessions:,} sessions at {args.points:,} points made in "
            f"{time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        from django.db import connection

        from netpoint.common.core import clock
        from netpoint.common.core.policy import local_tz
        from netpoint.provider.modules.wifi import stats

        today = clock.now().astimezone(local_tz()).date()
        month = stats.Selection(date_from=today - timedelta(days=29), date_to=today)
        year = stats.Selection(date_from=today - timedelta(days=365), date_to=today)
        figures = {"points": args.points, "sessions": sessions}
        for name, selection in [
            ("month_all", month),
            ("year_all", year),
            ("year_one_province", stats.Selection(year.date_from, year.date_to, 1)),
        ]:
            result = stats.statistics(selection)
            figures[f"{name}_seconds"] = round(
                best_of_three(lambda s=selection: stats.statistics(s)), 3
            )
            figures[f"{name}_sessions_counted"] = result.sessions
            print(
                f"{name}: {figures[f'{name}_seconds']} s, {result.total} points, "
                f"{result.sessions:,} sessions, {result.devices:,} devices"
            )
        start, end = year.window()

        def reference():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM radacct WHERE acctstarttime >= %s AND acctstarttime < %s",
                    [start, end],
                )
                cursor.fetchone()

        figures["year_count_star_seconds"] = round(best_of_three(reference), 3)
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
