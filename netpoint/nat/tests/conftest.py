import asyncio
import socket
import threading

import pytest

from netpoint.nat import services
from netpoint.nat.collector import Collector
from netpoint.registry.models import Point

# The RADIUS server and FreeRADIUS's radclient, for the end-to-end test.
from netpoint.wifi.tests.conftest import radclient, run_radius  # noqa: F401


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
def gateway(hotspot):
    """The hotspot's NAT gateway, speaking from loopback."""
    return services.register_device(hotspot, "Cổng NAT quán cà phê", "127.0.0.1")


@pytest.fixture
def run_collector(transactional_db):
    """Starts the real collector on loopback high ports in a thread; stops it after the test."""
    running = []

    def start() -> Collector:
        collector = Collector("127.0.0.1", free_udp_port(), free_udp_port())
        holder = {}

        async def main():
            holder["stop"] = asyncio.Event()
            await collector.serve(holder["stop"])

        thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
        thread.start()
        assert collector.ready.wait(10), "the collector did not start"
        running.append((collector, holder, thread))
        return collector

    yield start
    for collector, holder, thread in running:
        collector.loop.call_soon_threadsafe(holder["stop"].set)
        thread.join(10)


@pytest.fixture
def collector(run_collector, gateway):
    return run_collector()


@pytest.fixture
def send():
    """Sends datagrams to a port on loopback from `source` (any 127.0.0.0/8 address)."""
    sockets = {}

    def send_to(port: int, *datagrams: bytes, source: str = "127.0.0.1") -> None:
        if source not in sockets:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind((source, 0))
            sockets[source] = sock
        for datagram in datagrams:
            sockets[source].sendto(datagram, ("127.0.0.1", port))

    yield send_to
    for sock in sockets.values():
        sock.close()
