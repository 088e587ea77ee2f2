"""The café gateway kept in step with 500 stations: how long from a check-in until the station's
(IP, MAC) pair is in the gateway's nftables set, from the end of a session until it has left
it, and what a full reconcile of 500 entries costs.

Usage (root: it makes a network namespace): .venv/bin/python bench/gate.py [--quick]
    [--stations 500] [--samples 200]

The point runs in this process on SQLite in a temporary folder, with its gate keeper driving
real nft in the namespace `np-gate-bench-gw` (made at start, removed at the end); half the
stations are in session, as on a busy evening. The moment an element enters or leaves the set
is read from `nft monitor`, which prints each committed change as it happens. The last line is
one JSON object with the figures.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NETNS = "np-gate-bench-gw"
NFT = ("ip", "netns", "exec", NETNS, "nft")


def ms(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered) * 1000, 1),
        "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


class Monitor(threading.Thread):
    """`nft monitor` in the namespace: when each element was added to or deleted from the set."""

    def __init__(self):
        super().__init__(daemon=True)
        self.process = subprocess.Popen(
            [*NFT, "monitor"], stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.seen: dict[tuple[str, str], float] = {}
        self.changed = threading.Condition()

    def run(self):
        for line in self.process.stdout:
            words = line.split()
            if len(words) >= 8 and words[1] == "element" and words[5] == "{":
                with self.changed:
                    self.seen[(words[0], words[6])] = time.monotonic()
                    self.changed.notify_all()

    def wait(self, verb: str, ip: str, after: float, timeout: float = 10) -> float:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.seen.get((verb, ip), 0) < after:
                if not self.changed.wait(deadline - time.monotonic()):
                    raise RuntimeError(f"{verb} {ip} not seen within {timeout} s")
            return self.seen[(verb, ip)]

    def stop(self):
        self.process.terminate()
        self.process.wait(5)


def mac_of(number: int) -> str:
    return f"02:bb:00:00:{number // 256:02x}:{number % 256:02x}"


def prepare(data_dir: str, count: int):
    os.environ["NETPOINT_DATA_DIR"] = data_dir
    os.environ["NETPOINT_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netpoint.point.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.NETPOINT_GATE = {"driver": "nftables", "command": list(NFT), "lan_interface": "br0"}
    from cafe import open_cafe, walk_in

    from netpoint.point.sessions import services as sessions
    from netpoint.point.stations import services as stations
    from netpoint.point.stations.models import Station

    zone = open_cafe()
    rng = random.Random(1)
    rows = []
    for number in range(count):
        station = Station.objects.create(name=f"B{number:04d}", zone=zone)
        ip = f"10.{100 + number // 250}.0.{number % 250 + 2}"
        stations.pair(stations.new_pairing_code(station), ip=ip, mac=mac_of(number))
        customer = walk_in(rng)
        if number % 2 == 0:
            sessions.check_in(station=station, customer=customer, kind="walk_in")
        rows.append((station, customer, ip))
    return rows


def run(count: int, samples: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="netpoint-bench-gate-") as data_dir:
        rows = prepare(data_dir, count)
        from netpoint.point.gate import services as gate
        from netpoint.point.gate.conf import conf
        from netpoint.point.gate.drivers import from_settings
        from netpoint.point.gate.keeper import GateKeeper
        from netpoint.point.sessions import services as sessions
        from netpoint.point.sessions.models import Session

        keeper = GateKeeper(from_settings(conf()))
        monitor = Monitor()
        monitor.start()
        time.sleep(0.3)  # the monitor listens before the first change
        keeper.start()
        opened, closed = [], []
        try:
            while gate.state().in_step_at is None:
                time.sleep(0.05)
            free = [r for n, r in enumerate(rows) if n % 2 == 1]
            rng = random.Random(2)
            for _ in range(samples):
                station, customer, ip = rng.choice(free)
                started = time.monotonic()
                session = sessions.check_in(station=station, customer=customer, kind="walk_in")
                opened.append(monitor.wait("add", ip, started) - started)
                ended = time.monotonic()
                sessions.check_out(session, None)
                closed.append(monitor.wait("delete", ip, ended) - ended)
            keeper.stop()
            keeper.join(10)
            in_session = Session.objects.filter(ended_at__isnull=True).count()
            query = []
            for _ in range(20):
                began = time.monotonic()
                gate.wanted()
                query.append(time.monotonic() - began)
            # A full reconcile with every station let out: the ruleset, a flush and all entries
            # in one transaction.
            from netpoint.point.gate.allowlist import Entry

            every = frozenset(Entry(ip, mac_of(n)) for n, (_s, _c, ip) in enumerate(rows))
            driver = keeper.driver
            reconcile = []
            for _ in range(10 if samples < 100 else 30):
                began = time.monotonic()
                driver.replace(every)
                reconcile.append(time.monotonic() - began)
            assert len(driver.read()) == count
        finally:
            keeper.stop()
            monitor.stop()
    return {
        "stations": count,
        "in_session": in_session,
        "check_in_to_allowed_ms": ms(opened),
        "end_to_blocked_ms": ms(closed),
        "wanted_query_ms": ms(query),
        "full_reconcile_ms": ms(reconcile),
        "reconcile_entries": len(every),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, within a minute")
    parser.add_argument("--stations", type=int, default=500)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench/gate.py needs root (it makes a network namespace)")
    samples = 40 if args.quick else args.samples
    subprocess.run(["ip", "netns", "delete", NETNS], capture_output=True, check=False)
    subprocess.run(["ip", "netns", "add", NETNS], check=True)
    try:
        result = run(args.stations, samples)
    finally:
        subprocess.run(["ip", "netns", "delete", NETNS], check=False)
    print(
        f"{result['stations']} stations ({result['in_session']} in session): "
        f"check-in → allowed p50 {result['check_in_to_allowed_ms']['p50']} ms "
        f"p99 {result['check_in_to_allowed_ms']['p99']} ms; "
        f"end → blocked p50 {result['end_to_blocked_ms']['p50']} ms "
        f"p99 {result['end_to_blocked_ms']['p99']} ms; "
        f"full reconcile of {result['reconcile_entries']} p50 "
        f"{result['full_reconcile_ms']['p50']} ms"
    )
    print(json.dumps({"bench": "gate", "samples": samples, **result}))


if __name__ == "__main__":
    main()
