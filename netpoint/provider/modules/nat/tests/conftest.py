import socket

import pytest

from netpoint.conftest import free_udp_ports
from netpoint.provider.modules.nat import services
from netpoint.provider.modules.nat.collector import Collector

# The RADIUS server and FreeRADIUS's radclient, for the end-to-end test.
from netpoint.provider.modules.wifi.tests.conftest import radclient, run_radius  # noqa: F401


@pytest.fixture
def gateway(hotspot):
    """The hotspot's NAT gateway, speaking from loopback."""
    return services.register_device(hotspot, "Cổng NAT quán cà phê", "127.0.0.1")


@pytest.fixture
def run_collector(serve_datagrams):
    """Starts the real collector on loopback high ports; it stops after the test."""
    return lambda: serve_datagrams(Collector("127.0.0.1", *free_udp_ports(2)))


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
