"""`netpoint station-sim`: many simulated stations in one process, for tests and load.

Each simulated station keeps one HTTP/1.1 keep-alive connection to the point server, polls its
state every 2 s and sends a heartbeat every 5 s, as the lock-screen client does. Only the
standard library is used, so it runs on any machine that can reach the point server.
"""

import argparse
import asyncio
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

POLL_SECONDS = 2.0
HEARTBEAT_SECONDS = 5.0


class ProtocolError(Exception):
    pass


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)  # "locked"/"unlocked" as last seen

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != 200)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def summary(self, seconds: float) -> dict:
        return {
            "stations": sum(self.states.values()),
            "requests": len(self.latencies),
            "requests_per_s": round(len(self.latencies) / seconds, 1),
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "states": dict(self.states),
            "p50_ms": round(self.percentile(0.50) * 1000, 2),
            "p99_ms": round(self.percentile(0.99) * 1000, 2),
            "max_ms": round(max(self.latencies, default=0.0) * 1000, 2),
        }


class Connection:
    """One keep-alive connection speaking just enough HTTP/1.1 for the station API."""

    def __init__(self, reader, writer, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> "Connection":
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, host)

    async def request(self, method: str, path: str, token: str, body: dict | None = None):
        payload = json.dumps(body).encode() if body is not None else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        )
        self.writer.write(head.encode() + payload)
        await self.writer.drain()
        status_line = await self.reader.readline()
        parts = status_line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            raise ProtocolError("the point server closed the connection")
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length)
        return int(parts[1]), json.loads(data) if data else None

    def close(self) -> None:
        self.writer.close()


async def run_station(host: str, port: int, token: str, until: float, results: Results) -> None:
    await asyncio.sleep(random.random() * POLL_SECONDS)  # stations do not start in step
    connection = await Connection.open(host, port)
    next_heartbeat = time.monotonic() + random.random() * HEARTBEAT_SECONDS
    state = "unknown"
    try:
        while (started := time.monotonic()) < until:
            if started >= next_heartbeat:
                body = {"client_version": "station-sim"}
                status, data = await connection.request(
                    "POST", "/api/station/heartbeat", token, body
                )
                next_heartbeat += HEARTBEAT_SECONDS
            else:
                status, data = await connection.request("GET", "/api/station/state", token)
            results.latencies.append(time.monotonic() - started)
            results.statuses[status] += 1
            if status == 200:
                state = data["state"]
            await asyncio.sleep(max(0.0, started + POLL_SECONDS - time.monotonic()))
    finally:
        results.states[state] += 1
        connection.close()


async def simulate(host: str, port: int, tokens: list[str], seconds: float) -> Results:
    results = Results()
    until = time.monotonic() + seconds
    await asyncio.gather(*(run_station(host, port, t, until, results) for t in tokens))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="netpoint station-sim", description=__doc__)
    parser.add_argument("--server", default="http://127.0.0.1:8000", help="point server URL")
    parser.add_argument(
        "--tokens", required=True, help="file with one station token a line (from pairing)"
    )
    parser.add_argument("--count", type=int, help="simulate only the first COUNT stations")
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    url = urlsplit(args.server)
    if url.scheme != "http" or not url.hostname:
        parser.error("--server must look like http://host:port")
    try:
        with open(args.tokens) as lines:
            tokens = [line.strip() for line in lines if line.strip()]
    except OSError as err:
        parser.error(f"cannot read {args.tokens}: {err.strerror}")
    tokens = tokens[: args.count] if args.count else tokens
    if not tokens:
        parser.error("no station tokens to simulate")
    try:
        results = asyncio.run(simulate(url.hostname, url.port or 80, tokens, args.seconds))
    except (OSError, ProtocolError) as err:
        print(f"netpoint station-sim: cannot reach {args.server}: {err}", file=sys.stderr)
        return 1
    print(json.dumps(results.summary(args.seconds)))
    return 0 if results.errors == 0 else 1
