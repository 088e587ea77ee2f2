"""Catch-up after an outage: a point with 1M events queued sends them all to its provider.

Usage: .venv/bin/python bench/catchup.py [--quick] [--events 1000000]

The point is a real point database (SQLite, as at a café) whose outbox holds `--events`
generated events, as after a long outage; the provider is `--servers` `netpoint serve`
processes sharing one port, on a fresh PostgreSQL database. The clock runs from the start of
the `netpoint sync` process (the sender's own code: signed gzipped batches in order, each
marked sent only when acknowledged) until every event is acknowledged; `sender_seconds` leaves
out the process's start-up. Target: 1M events in 30 s or less. The last line is one JSON
object.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventgen import point_events  # noqa: E402
from ingest import PG, ROOT, free_port, provider_env, wait_for  # noqa: E402

NETPOINT = [sys.executable, "-m", "netpoint.cli"]


def run(env: dict, *args: str) -> str:
    done = subprocess.run([*NETPOINT, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return done.stdout


def fill_outbox(database: Path, count: int) -> None:
    rows = (
        (uuid.UUID(e["id"]).hex, e["seq"], e["kind"], json.dumps(e), e["at"])
        for e in point_events(count, seed=7)
    )
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO outbox_outboxevent (id, seq, kind, envelope, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        db.execute("INSERT INTO outbox_outboxcounter (id, last_seq) VALUES (1, ?)", (count,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 events, done in a minute")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=2, help="provider processes, one port")
    args = parser.parse_args()
    count = 100_000 if args.quick else args.events
    name = f"netpoint_catchup_{uuid.uuid4().hex[:8]}"
    provider = provider_env(name, f"/tmp/{name}/provider")
    point = os.environ | {
        "NETPOINT_ROLE": "point",
        "DJANGO_SETTINGS_MODULE": "netpoint.point.settings",
        "NETPOINT_DATABASE_URL": "",
        "NETPOINT_DATA_DIR": f"/tmp/{name}/point",
        "NETPOINT_SECRET_KEY": "bench-only-secret-key-0123456789abcdef",
    }
    for env in (provider, point):
        os.makedirs(env["NETPOINT_DATA_DIR"])
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    servers = []
    try:
        run(provider, "migrate", "-v", "0")
        run(point, "migrate", "-v", "0")
        code = run(
            provider,
            "shell",
            "-c",
            "from netpoint.provider.registry.models import Enterprise, Point\n"
            "from netpoint.provider.registry.services import issue_enrollment_code\n"
            "e = Enterprise.objects.create(name='Doanh nghiệp đo tải', tax_code='0100009998')\n"
            "p = Point.objects.create(enterprise=e, code='CATCHUP-1', name='Điểm đo tải',"
            " point_type='internet', owner_name='Chủ đo tải', province_code=1, ward_code=4,"
            " street_address='1 Phố Đo Tải')\n"
            "print(issue_enrollment_code(p))",
        ).split()[-1]
        print(f"queueing {count} events at the point", file=sys.stderr)
        fill_outbox(Path(point["NETPOINT_DATA_DIR"]) / "netpoint.sqlite3", count)
        port = free_port()
        serve = [*NETPOINT, "serve", "--host", "127.0.0.1", "--port", str(port), "--reuse-port"]
        for _ in range(args.servers):
            servers.append(
                subprocess.Popen(serve, env=provider, cwd=ROOT, stdout=subprocess.DEVNULL)
            )
            wait_for(port)
        run(point, "enroll", f"http://127.0.0.1:{port}", code)
        started = time.perf_counter()
        said = run(point, "sync")  # "Sent N events in S s": the sender's own time
        seconds = time.perf_counter() - started
        sender_seconds = float(said.split(" in ")[1].split()[0])
        with psycopg.connect(provider["NETPOINT_DATABASE_URL"]) as pg:
            stored = pg.execute("SELECT count(*) FROM records_receivedevent").fetchone()[0]
        if stored != count:
            raise SystemExit(f"the provider holds {stored} of {count} events")
        print(
            json.dumps(
                {
                    "events": count,
                    "provider_processes": args.servers,
                    "seconds": round(seconds, 2),
                    "sender_seconds": sender_seconds,
                    "events_per_s": round(count / seconds),
                    "target_seconds_per_million": 30,
                    "seconds_per_million": round(seconds * 1_000_000 / count, 1),
                }
            )
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
