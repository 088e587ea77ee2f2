"""Requests made before references existed: migration 0007 gives each its own reference."""

import copy
import re

import pytest
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

ALIAS = "antispam_before_references"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def old_database(django_db_blocker, tmp_path):
    """A new SQLite database migrated up to antispam 0006 (the app's own SQL is PostgreSQL's
    only where it says so)."""
    settings = copy.deepcopy(connections["default"].settings_dict)
    settings.update(ENGINE="django.db.backends.sqlite3", NAME=str(tmp_path / "db"), OPTIONS={})
    with django_db_blocker.unblock():
        connections.settings[ALIAS] = settings
        try:
            MigrationExecutor(connections[ALIAS]).migrate([("antispam", "0006_registration_sent")])
            yield connections[ALIAS]
        finally:
            connections[ALIAS].close()
            del connections.settings[ALIAS]


def test_old_requests_get_a_reference_each(old_database):
    with old_database.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO antispam_optoutrequest (via, channel, recipient, recipient_sealed,"
            " received_at, confirmation, status, force_majeure, entered_by, source_ref)"
            " VALUES ('web', 'email', ?, '', '2026-03-10 03:00:00', '', 'processed', '', '', '')",
            [(f"r{n}",) for n in range(5)],
        )
    MigrationExecutor(old_database).migrate([("antispam", "0007_optoutrequest_reference")])
    with old_database.cursor() as cursor:
        cursor.execute("SELECT reference FROM antispam_optoutrequest")
        references = [row[0] for row in cursor.fetchall()]
    assert len(set(references)) == 5
    assert all(re.fullmatch(r"TC-[0-9A-Z]{4}-[0-9A-Z]{4}", r) for r in references)
