"""Upgrading a log written as a hash chain: migration 0002 makes every entry a leaf of the
tree and signs the first head, so the upgraded log verifies as it is."""

import copy
import sqlite3
from datetime import UTC, datetime

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from netpoint.common.audit import heads, log, merkle, services

ALIAS = "audit_before_the_tree"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def chain_database(django_db_blocker, tmp_path):
    """A new SQLite database migrated up to the hash chain (audit 0001)."""
    settings = copy.deepcopy(connections["default"].settings_dict)
    settings.update(ENGINE="django.db.backends.sqlite3", NAME=str(tmp_path / "db"), OPTIONS={})
    with django_db_blocker.unblock():
        connections.settings[ALIAS] = settings
        try:
            executor = MigrationExecutor(connections[ALIAS])
            executor.migrate([("audit", "0001_initial")])
            yield connections[ALIAS], tmp_path / "db"
        finally:
            connections[ALIAS].close()
            del connections.settings[ALIAS]


def test_old_entries_become_leaves_and_the_first_head_is_signed(chain_database):
    connection, path = chain_database
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO audit_auditentry (seq, at, user_id, actor, action, target, detail,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, 'x', 'y')",
            [
                (1, "2026-03-10 03:00:00", 7, "dieutra", "search", "1/CA", '{"results": 1}'),
                (2, "2026-03-10 03:00:01", None, "thungan", "login_failed", "", "{}"),
            ],
        )
        db.execute("INSERT INTO audit_audithead (id, last_seq, last_hash) VALUES (1, 2, 'y')")
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0002_merkle_tree")])

    expected = [
        log.leaf_of(
            log.Entry(
                1, "2026-03-10T03:00:00+00:00", 7, "dieutra", "search", "1/CA", {"results": 1}
            )
        ),
        log.leaf_of(
            log.Entry(
                2,
                datetime(2026, 3, 10, 3, 0, 1, tzinfo=UTC).isoformat(),
                None,
                "thungan",
                "login_failed",
                "",
                {},
            )
        ),
    ]
    with sqlite3.connect(path) as db:
        stored = [
            bytes.fromhex(h)
            for (h,) in db.execute("SELECT hash FROM audit_auditentry ORDER BY seq")
        ]
        ((size, root),) = db.execute("SELECT last_seq, last_hash FROM audit_audithead")
    assert stored == expected
    assert (size, root) == (2, merkle.root(expected).hex())
    head = services.latest_published()
    assert head.tree_size == 2 and head.root_hash == merkle.root(expected)
    assert heads.signed_by(head, services.public_key())
