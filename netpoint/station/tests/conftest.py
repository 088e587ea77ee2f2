import pytest

from netpoint.station.client import StationClient
from netpoint.stations import services as stations


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
