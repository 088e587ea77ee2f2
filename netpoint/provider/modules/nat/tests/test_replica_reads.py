"""A search of the NAT logs reads where the search's reads go: a replica's while it reads from
one (the real standby's tests are in netpoint/provider/authority/tests/test_replica.py)."""

import socket
from datetime import UTC, datetime

import pytest
from django.db import OperationalError, connections

from netpoint.common.core import reading
from netpoint.provider.modules.nat import services
from netpoint.provider.records import replica


@pytest.fixture
def unreachable_replica():
    """A replica alias on a port nobody listens on: a read sent there fails."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    connections.settings[replica.REPLICA] = connections["default"].settings_dict | {
        "PORT": str(closed),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {"connect_timeout": 2},
    }
    yield
    del connections[replica.REPLICA]
    del connections.settings[replica.REPLICA]


def test_a_search_of_the_bindings_reads_where_the_searchs_reads_go(
    unreachable_replica, django_db_blocker
):
    at = datetime(2026, 3, 10, 3, tzinfo=UTC)
    token = reading.set_alias(replica.REPLICA)
    with django_db_blocker.unblock():
        try:
            with pytest.raises(OperationalError):
                services.held("203.0.113.5", 40000, at)
            with pytest.raises(OperationalError):
                services.behind("203.0.113.5", 40000, at)
        finally:
            reading.reset(token)
