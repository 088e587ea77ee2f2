import pytest

from netpoint.point.stations import services as stations
from netpoint.station_client.client import StationClient


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def server(live_server, cafe):
    cafe["profile"].point_type = "internet"  # the live server runs on the real clock
    cafe["profile"].save()
    return live_server.url


@pytest.fixture
def paired(server, cafe, tmp_path):
    ticks = Ticks()
    client = StationClient(
        tmp_path / "station.json", server, fail_closed_after=300, monotonic=ticks
    )
    client.pair(stations.new_pairing_code(cafe["m1"]))
    return client, ticks


@pytest.fixture
def tls_server(transactional_db, cafe, settings, tmp_path_factory, monkeypatch):
    """`netpoint serve --tls`'s server, in a thread, on the test database."""
    import threading

    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter
    from django.db import connections

    from netpoint.point.profile import tls
    from netpoint.wsgi import application

    cafe["profile"].point_type = "internet"  # the real clock may be past closing time
    cafe["profile"].save()
    # Each request closes its connection, so none is left open on the test database.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)
    settings.DATA_DIR = tmp_path_factory.mktemp("point")
    certificate, key = tls.ensure_certificate(settings.DATA_DIR)
    servers = []

    def start(cert=certificate, key=key) -> str:
        server = wsgi.Server(("127.0.0.1", 0), application, numthreads=2)
        server.ssl_adapter = BuiltinSSLAdapter(str(cert), str(key))
        server.prepare()
        threading.Thread(target=server.serve, daemon=True).start()
        servers.append(server)
        return f"https://127.0.0.1:{server.bind_addr[1]}"

    yield start
    for server in servers:
        server.stop()
