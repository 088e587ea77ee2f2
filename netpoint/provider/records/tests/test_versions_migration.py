"""Records migration 0008: the people stored before each point's version was kept become one
version for each point that knows them, with what the central row held."""

from datetime import UTC, datetime

import pytest
from django.db.migrations.executor import MigrationExecutor

from netpoint.common.core.tests.test_migrations import fresh_database  # noqa: F401 (fixture)

BEFORE = [("records", "0007_session_pauses")]
AFTER = [("records", "0008_point_versions_of_people")]
AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
# Outside a transaction: PostgreSQL creates a database only so, and SQLite alters tables so.
pytestmark = pytest.mark.django_db(transaction=True)


def test_each_point_that_knew_a_person_gets_its_version_of_them(fresh_database):  # noqa: F811
    executor = MigrationExecutor(fresh_database)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    alias = fresh_database.alias

    def write(model: str, **values):
        return old.get_model(*model.split(".")).objects.using(alias).create(**values)

    enterprise = write("registry.Enterprise", name="Công ty Thử Nghiệm", tax_code="0100000001")
    codes = ("HN-0001", "HN-0002")
    points = [
        write(
            "registry.Point",
            enterprise_id=enterprise.pk,
            code=code,
            name=f"Điểm {code}",
            point_type="game",
            owner_name="Chủ Thử Nghiệm",
            province_code=1,
            ward_code=4,
            street_address="1 Phố Thử",
        )
        for code in codes
    ]
    person = write(
        "records.Person",
        id_index="a" * 64,
        id_type="cccd",
        id_number_sealed="sealed-id",
        phone_index="b" * 64,
        phone_sealed="sealed-phone",
        full_name="Người Thử",
        date_of_birth="2001-01-01",
        first_seen_at=AT,
        last_seen_at=AT,
    )
    for day, point in enumerate(points, start=1):
        write(
            "records.PointPerson",
            point_id=point.pk,
            local_id=5,
            person_id=person.pk,
            registered_at=AT.replace(day=day),
        )

    executor = MigrationExecutor(fresh_database)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    versions = new.get_model("records", "PointPerson").objects.using(alias).order_by("said_at")
    stated = versions.values_list("point__code", "full_name", "phone_index", "said_at")
    assert list(stated) == [
        ("HN-0001", "Người Thử", "b" * 64, AT.replace(day=1)),
        ("HN-0002", "Người Thử", "b" * 64, AT.replace(day=2)),
    ]
    summary = new.get_model("records", "Person").objects.using(alias).get()
    assert summary.stated_at == AT.replace(day=2)
