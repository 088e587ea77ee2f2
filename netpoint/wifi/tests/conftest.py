import asyncio
import shutil
import socket
import subprocess
import threading

import pytest

from netpoint.registry.models import Point
from netpoint.wifi import services
from netpoint.wifi.radius import RadiusServer

SECRET = "bi-mat-dung-chung-thu-nghiem"


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hotspot(provider_point):
    return provider_point(
        "HN-W001", point_type=Point.Type.WIFI, venue_type=Point.Venue.CAFE, public_ips=[]
    )


@pytest.fixture
def nas(hotspot):
    return services.register_nas(hotspot, "Bộ điều khiển quán cà phê", "127.0.0.1", SECRET)


@pytest.fixture
def run_radius(transactional_db):
    """Starts the real server on loopback high ports in a thread; stops it after the test."""
    running = []

    def start() -> RadiusServer:
        server = RadiusServer("127.0.0.1", free_udp_port(), free_udp_port())
        holder = {}

        async def main():
            holder["stop"] = asyncio.Event()
            await server.serve(holder["stop"])

        thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
        thread.start()
        assert server.ready.wait(10), "the RADIUS server did not start"
        running.append((server, holder, thread))
        return server

    yield start
    for server, holder, thread in running:
        server.loop.call_soon_threadsafe(holder["stop"].set)
        thread.join(10)


@pytest.fixture
def radius(run_radius, nas):
    return run_radius()


@pytest.fixture
def radclient():
    """FreeRADIUS's radclient: attribute lines in, what it printed and its exit code out."""
    binary = shutil.which("radclient")
    if binary is None:
        pytest.fail("radclient is missing: run scripts/test-services (freeradius-utils)")

    def send(port: int, kind: str, lines: str, secret: str = SECRET, *extra: str):
        done = subprocess.run(
            [binary, "-x", "-r", "1", "-t", "3", *extra, f"127.0.0.1:{port}", kind, secret],
            input=lines,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return done.stdout + done.stderr, done.returncode

    return send
