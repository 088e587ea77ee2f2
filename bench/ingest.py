"""Events through the provider's real HTTP ingest path into PostgreSQL, against raw COPY.

Usage: .venv/bin/python bench/ingest.py [--quick] [--events 1000000] [--points 4]
       [--servers 2] [--batch 5000]

A fresh PostgreSQL database gets the provider's schema; `--points` enrolled points each send
their share of generated events (people, sessions started and ended) as signed, gzipped
batches, one point per client thread, to `--servers` `netpoint serve` processes. The batches
are built before the clock starts. Then the rows the ingest wrote are COPYed, in the same run,
into empty copies of the same tables (same indexes), and the two rates are compared. The last
line is one JSON object with the figures.
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventgen import point_events  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("NETPOINT_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
TABLES = ["records_receivedevent", "records_sessionrecord", "records_person", "records_pointperson"]
# Bench-only keys, made for this file.
KEYS = (
    "active=b1;b1=YmVuY2gtb25seS1zZWFsaW5nLWtleS0wMTIzNDU2Nzg=;"
    "index=YmVuY2gtb25seS1ibGluZC1pbmRleC1rZXktMDEyMzQ="
)


def provider_env(db: str, data_dir: str) -> dict:
    return os.environ | {
        "NETPOINT_ROLE": "provider",
        "DJANGO_SETTINGS_MODULE": "netpoint.provider.settings",
        "NETPOINT_DATABASE_URL": f"{PG}/{db}",
        "NETPOINT_DATA_DIR": data_dir,
        "NETPOINT_SECRET_KEY": "bench-only-secret-key-0123456789abcdef",
        "NETPOINT_SEALING_KEYS": KEYS,
    }


@contextlib.contextmanager
def provider_database(prefix: str = "netpoint_bench", keep: bool = False, **extra_env):
    """A fresh database with the provider's schema, migrated, and the environment of a provider
    on it (set in this process too). Yields (name, env, servers): the server processes put in
    `servers` are stopped at the end; then the database is dropped, unless `keep`."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    env = provider_env(name, f"/tmp/{name}") | extra_env
    os.makedirs(env["NETPOINT_DATA_DIR"])
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    servers: list[subprocess.Popen] = []
    try:
        netpoint = [sys.executable, "-m", "netpoint.cli"]
        subprocess.run([*netpoint, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
        os.environ.update(env)
        yield name, env, servers
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if keep:
            print(f"kept database {name}", file=sys.stderr)
        else:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def serve(env: dict, count: int, servers: list) -> list[int]:
    """Starts `count` provider processes (`netpoint serve`) on free loopback ports, adds them to
    `servers`, and returns their ports once they answer."""
    ports = [free_port() for _ in range(count)]
    for port in ports:
        command = ["serve", "--host", "127.0.0.1", "--port", str(port)]
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "netpoint.cli", *command],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        )
    for port in ports:
        wait_for(port)
    return ports


def run_together(threads: list) -> float:
    """Starts the client threads at once; seconds until the last is done."""
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def send_together(ports: list[int], work: list[tuple[str, str, list[bytes]]]) -> float:
    """Each point's (code, key, batches) sent by a thread of its own, the points shared out
    over the servers' `ports`; seconds until the last batch was taken in."""
    errors: list[str] = []
    threads = [
        threading.Thread(target=send_all, args=(ports[n % len(ports)], *w, errors))
        for n, w in enumerate(work)
    ]
    seconds = run_together(threads)
    if errors:
        raise SystemExit(f"ingest refused a batch: {errors[0]}")
    return seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"the server on port {port} did not start")


def enroll_points(count: int) -> list[tuple[str, str]]:
    """Registers and enrolls `count` points in the bench database: (code, private key)."""
    import django

    django.setup()
    from netpoint.common.events import signing
    from netpoint.provider.registry import services as registry
    from netpoint.provider.registry.models import Enterprise, Point

    enterprise = Enterprise.objects.create(name="Doanh nghiệp đo tải", tax_code="0100009999")
    points = []
    for n in range(count):
        point = Point.objects.create(
            enterprise=enterprise,
            code=f"BENCH-{n:04d}",
            name=f"Điểm đo tải {n}",
            point_type="internet",
            owner_name="Chủ đo tải",
            province_code=1,
            ward_code=4,
            street_address="1 Phố Đo Tải",
        )
        key = signing.new_private_key()
        registry.enroll(registry.issue_enrollment_code(point), signing.public_key_of(key))
        points.append((point.code, key))
    return points


def batches_for(code: str, count: int, size: int, seed: int) -> list[bytes]:
    events = point_events(count, seed=seed)
    for event in events:
        event["point"] = code
    return [
        gzip.compress(json.dumps({"events": events[i : i + size]}).encode(), compresslevel=1)
        for i in range(0, len(events), size)
    ]


def send_all(port: int, code: str, key: str, batches: list[bytes], errors: list) -> None:
    from netpoint.common.events import signing

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for body in batches:
        headers = signing.sign(key, code, "POST", "/api/v1/events", body)
        headers |= {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        connection.request("POST", "/api/v1/events", body=body, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        if answer.status != 200:
            errors.append(f"{answer.status} {text[:300]!r}")
            return


def copy_reference(db: str) -> tuple[float, dict]:
    """COPY the rows the ingest wrote into empty copies of the tables; seconds taken."""
    import psycopg

    counts, data = {}, {}
    with psycopg.connect(f"{PG}/{db}", autocommit=True) as pg:
        for table in TABLES:
            with pg.cursor().copy(f"COPY (SELECT * FROM {table}) TO STDOUT") as copy:
                data[table] = b"".join(bytes(chunk) for chunk in copy)
            counts[table] = pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            pg.execute(f"CREATE TABLE ref_{table} (LIKE {table} INCLUDING ALL)")
        started = time.perf_counter()
        with pg.transaction():
            for table in TABLES:
                with pg.cursor().copy(f"COPY ref_{table} FROM STDIN") as copy:
                    copy.write(data[table])
        return time.perf_counter() - started, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 events, done in a minute")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--points", type=int, default=4)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=10000)
    args = parser.parse_args()
    total = 100_000 if args.quick else args.events
    with provider_database() as (db, env, servers):
        points = enroll_points(args.points)
        print(f"generating {total} events for {args.points} points", file=sys.stderr)
        share = total // args.points
        work = [
            (code, key, batches_for(code, share, args.batch, seed=n))
            for n, (code, key) in enumerate(points)
        ]
        ports = serve(env, args.servers, servers)
        ingest_seconds = send_together(ports, work)
        copy_seconds, counts = copy_reference(db)
        events = share * args.points
        if counts["records_receivedevent"] != events:
            raise SystemExit(f"stored {counts['records_receivedevent']} of {events} events")
        figures = {
            "events": events,
            "points": args.points,
            "servers": args.servers,
            "batch": args.batch,
            "ingest_seconds": round(ingest_seconds, 2),
            "ingest_events_per_s": round(events / ingest_seconds),
            "copy_seconds": round(copy_seconds, 2),
            "copy_events_per_s": round(events / copy_seconds),
            "ratio_to_copy": round(copy_seconds / ingest_seconds, 3),
            "rows": counts,
        }
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
