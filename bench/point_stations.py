"""N simulated stations (netpoint.station_client.sim) poll a real point server; prints latency
and CPU.

Usage: .venv/bin/python bench/point_stations.py [--quick] [--counts 100,500] [--seconds 60]

The server runs as `netpoint serve` (cheroot + the policy runner) on SQLite in a temporary
folder, in its own process; half the stations have a running session, as in a busy evening.
Every station polls /api/station/state every 2 s and sends a heartbeat every 5 s over its own
keep-alive connection. The last line is one JSON object with the figures.
"""

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netpoint.station_client.sim import simulate

ROOT = Path(__file__).resolve().parent.parent


def prepare(data_dir: str, count: int) -> list[str]:
    """Migrate a fresh database, add `count` paired stations, open sessions on half of them."""
    os.environ["NETPOINT_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netpoint.point.settings")
    import django

    django.setup()
    from cafe import open_cafe, walk_in

    from netpoint.point.sessions import services as sessions
    from netpoint.point.stations import services as stations
    from netpoint.point.stations.models import Station

    zone = open_cafe()
    rng = random.Random(1)
    tokens = []
    for number in range(count):
        station = Station.objects.create(name=f"B{number:04d}", zone=zone)
        _station, token = stations.pair(stations.new_pairing_code(station))
        tokens.append(token)
        if number % 2 == 0:
            customer = walk_in(rng)
            sessions.check_in(station=station, customer=customer, kind="walk_in")
    from django.db import connections

    connections.close_all()
    return tokens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "NETPOINT_DATA_DIR": data_dir}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "netpoint.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the point server did not start")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(count: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="netpoint-bench-") as data_dir:
        tokens = prepare_in_child(data_dir, count)
        port = free_port()
        server = start_server(data_dir, port)
        try:
            asyncio.run(simulate("127.0.0.1", port, tokens[: min(20, count)], 2.0))  # warm up
            cpu_before, wall_before = cpu_seconds(server.pid), time.monotonic()
            results = asyncio.run(simulate("127.0.0.1", port, tokens, seconds))
            cpu = (cpu_seconds(server.pid) - cpu_before) / (time.monotonic() - wall_before)
        finally:
            server.terminate()
            server.wait(10)
    summary = results.summary(seconds)
    summary["server_cpu_cores"] = round(cpu, 3)
    return summary


def prepare_in_child(data_dir: str, count: int) -> list[str]:
    """Django is set up in a child so that each run starts from a clean process."""
    code = (
        "import json, sys; sys.path.insert(0, 'bench'); import point_stations as b; "
        f"print(json.dumps(b.prepare({data_dir!r}, {count})))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, done within a minute")
    parser.add_argument("--counts", default="100,500")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    seconds = 10.0 if args.quick else args.seconds
    results = [run(int(n), seconds) for n in args.counts.split(",")]
    for result in results:
        print(
            f"{result['stations']:>4} stations: p50 {result['p50_ms']} ms, "
            f"p99 {result['p99_ms']} ms, "
            f"{result['requests_per_s']} req/s, server CPU {result['server_cpu_cores']} cores, "
            f"{result['errors']} errors"
        )
    print(json.dumps({"bench": "point_stations", "seconds": seconds, "runs": results}))


if __name__ == "__main__":
    main()
