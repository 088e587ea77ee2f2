"""Key rotation over a large provider database: `netpoint reseal`, `--check`, `--reindex`.

Usage: .venv/bin/python bench/reseal.py [--quick] [--people 1000000]

A fresh PostgreSQL database with the provider's schema gets `--people` generated people (CCCD
and phone sealed under key b1, blind-indexed) by COPY. Then, as an operator would after making
b2 active: `netpoint reseal --check` (counts what is left under b1), `netpoint reseal` (moves
every value to b2), `--check` again, a second `reseal` (finds nothing to do), and
`reseal --reindex` with a new index key. Each is a real `netpoint` process; the figures are its
wall time and rows per second. The last line is one JSON object.
"""

import argparse
import json
import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import KEYS, PG, ROOT, provider_database  # noqa: E402

# Bench-only keys, made for this file: b1 as in ingest.py, b2 and a second index key new here.
B1 = KEYS.split(";")[1].split("=", 1)[1]
B2 = "YmVuY2gtb25seS1zZWFsaW5nLWtleS1udW1iZXItMiE="
INDEX = KEYS.split(";")[2].split("=", 1)[1]
INDEX2 = "YmVuY2gtb25seS1ibGluZC1pbmRleC1rZXktdHdvISE="


def fill(pg, people: int) -> None:
    from netpoint.common.identity.fake import fake_person
    from netpoint.common.sealing.crypto import seal
    from netpoint.common.sealing.indexes import (
        ID_COLUMN,
        PHONE_COLUMN,
        id_index,
        key_ring,
        phone_index,
    )

    ring = key_ring()
    rng = random.Random(9)
    now = datetime.now(UTC).isoformat()
    base = fake_person(rng)
    with pg.cursor().copy(
        "COPY records_person (id_index, id_type, id_number_sealed, phone_index, phone_sealed,"
        " full_name, date_of_birth, gender, address, first_seen_at, last_seen_at) FROM STDIN"
    ) as copy:
        for n in range(people):
            # Unique generated numbers: the fake person's CCCD with its last digits replaced.
            number = base.cccd[:4] + f"{n:08d}"
            phone = f"+849{n:08d}"
            copy.write_row(
                (
                    id_index("cccd", number, ring),
                    "cccd",
                    seal(number, ID_COLUMN, ring),
                    phone_index(phone, ring),
                    seal(phone, PHONE_COLUMN, ring),
                    base.full_name,
                    base.date_of_birth,
                    base.gender,
                    base.address,
                    now,
                    now,
                )
            )
    pg.execute("VACUUM ANALYZE records_person")


def timed(env: dict, *args: str, keys: str) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "netpoint.cli", "reseal", *args],
        env=env | {"NETPOINT_SEALING_KEYS": keys},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done.returncode, done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--people", type=int, default=1_000_000)
    args = parser.parse_args()
    people = 20_000 if args.quick else args.people
    both = f"active=b2;b1={B1};b2={B2};index={INDEX}"
    with provider_database("netpoint_bench_reseal") as (name, env, _servers):
        import django
        import psycopg

        django.setup()
        started = time.perf_counter()
        with psycopg.connect(f"{PG}/{name}", autocommit=True) as pg:
            fill(pg, people)
        filled = time.perf_counter() - started
        print(f"{people} people sealed under b1 and copied in {filled:.1f} s")
        figures = {"people": people}
        steps = [
            ("check_before", ["--check"], both, 1, f"{2 * people} values are not under"),
            ("reseal", [], both, 0, f"records_person: {people} rows sealed again"),
            ("check_after", ["--check"], both, 0, "every sealed value is under the active key b2"),
            ("reseal_again", [], both, 0, "records_person: 0 rows sealed again"),
            ("reindex", ["--reindex"], f"active=b2;b2={B2};index={INDEX2}", 0, f": {people} rows"),
        ]
        for label, extra, keys, expected, said in steps:
            seconds, code, out = timed(env, *extra, keys=keys)
            if code != expected or said not in out:
                raise SystemExit(f"{label}: exit {code}, expected {expected} and {said!r}:\n{out}")
            rate = round(people / seconds)
            print(f"{label:13} {seconds:8.2f} s {rate:9} people/s  | {out.splitlines()[0]}")
            figures[f"{label}_s"] = round(seconds, 2)
            figures[f"{label}_people_per_s"] = rate
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
