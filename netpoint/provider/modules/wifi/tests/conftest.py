import shutil
import subprocess

import pytest

from netpoint.conftest import free_udp_ports
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.radius import RadiusServer

SECRET = "bi-mat-dung-chung-thu-nghiem"


@pytest.fixture
def nas(hotspot):
    return services.register_nas(hotspot, "Bộ điều khiển quán cà phê", "127.0.0.1", SECRET)


@pytest.fixture
def run_radius(serve_datagrams):
    """Starts the real server on loopback high ports; it stops after the test."""
    return lambda: serve_datagrams(RadiusServer("127.0.0.1", *free_udp_ports(2)))


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
