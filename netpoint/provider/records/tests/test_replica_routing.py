"""Where reads go with no replica, or one that does not answer (the real standby's tests are
in netpoint/provider/authority/tests/test_replica.py)."""

import socket

from django.db import connections

from netpoint.provider.records import replica
from netpoint.provider.records.models import SessionRecord


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_replica_that_does_not_answer_is_not_read(django_db_blocker):
    closed = closed_port()
    connections.settings[replica.REPLICA] = connections["default"].settings_dict | {
        "PORT": str(closed),
        "CONN_MAX_AGE": 0,
        "OPTIONS": {"connect_timeout": 2},
    }
    try:
        with django_db_blocker.unblock(), replica.from_replica() as source:
            assert source == replica.PRIMARY
    finally:
        del connections[replica.REPLICA]
        del connections.settings[replica.REPLICA]


def test_without_a_replica_everything_reads_the_primary():
    with replica.from_replica() as source:
        assert source == replica.PRIMARY
        assert replica.ReplicaRouter().db_for_read(SessionRecord) is None


def test_writes_and_migrations_go_to_the_primary_only():
    router = replica.ReplicaRouter()
    assert router.db_for_write(SessionRecord) == "default"
    assert router.allow_migrate("replica", "records") is False
    assert router.allow_migrate("default", "records") is True
