"""Monitoring migration 0003: each licence finding stored as the one kind of before becomes the
kind its evidence says, expired or expiring."""

from datetime import UTC, datetime

import pytest
from django.db.migrations.executor import MigrationExecutor

from netpoint.common.core.tests.test_migrations import fresh_database  # noqa: F401 (fixture)

BEFORE = [("monitoring", "0002_stationsilence_and_two_kinds")]
AFTER = [("monitoring", "0003_licence_expired_and_expiring")]
AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
# Outside a transaction: PostgreSQL creates a database only so, and SQLite alters tables so.
pytestmark = pytest.mark.django_db(transaction=True)


def test_stored_licence_findings_become_expired_or_expiring(fresh_database):  # noqa: F811
    executor = MigrationExecutor(fresh_database)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    alias = fresh_database.alias

    def write(model: str, **values):
        return old.get_model(*model.split(".")).objects.using(alias).create(**values)

    enterprise = write("registry.Enterprise", name="Công ty Thử Nghiệm", tax_code="0100000001")
    point = write(
        "registry.Point",
        enterprise_id=enterprise.pk,
        code="HN-0001",
        name="Điểm HN-0001",
        point_type="game",
        owner_name="Chủ Thử Nghiệm",
        province_code=1,
        ward_code=4,
        street_address="1 Phố Thử",
    )
    for key, state in (("1:expired:2026-03-01", "expired"), ("1:expiring:2026-03-25", "expiring")):
        write(
            "monitoring.Violation",
            point_id=point.pk,
            kind="licence",
            key=key,
            occurred_at=AT,
            found_at=AT,
            evidence={"state": state},
        )

    executor = MigrationExecutor(fresh_database)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    kinds = new.get_model("monitoring", "Violation").objects.using(alias).order_by("key")
    assert list(kinds.values_list("key", "kind")) == [
        ("1:expired:2026-03-01", "licence_expired"),
        ("1:expiring:2026-03-25", "licence_expiring"),
    ]
