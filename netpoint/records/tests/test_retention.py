"""The retention job with a controllable clock: what it deletes, what it keeps, its proof."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from netpoint.core import clock as clock_module
from netpoint.core.clock import FakeClock
from netpoint.records import partitions, retention
from netpoint.records.models import Deletion, Heartbeat, Person, PointPerson, SessionRecord

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions are PostgreSQL's"
)


@pytest.fixture
def point(enroll_point):
    return enroll_point("HN-0001")[0]


def person(n: int, last_seen) -> Person:
    return Person.objects.create(
        id_index=f"{n:064d}",
        id_type="cccd",
        id_number_sealed="v1.t1.sealed",
        full_name=f"Người Thử {n}",
        date_of_birth="1990-01-01",
        first_seen_at=last_seen,
        last_seen_at=last_seen,
    )


def session(point, who, started_at, local_id=1) -> SessionRecord:
    return SessionRecord.objects.create(
        point=point,
        local_id=local_id,
        person=who,
        station="M01",
        kind="walk_in",
        started_at=started_at,
    )


def prepare_days(days_back: int) -> None:
    with connection.cursor() as cursor:
        for table, column in partitions.LARGE_TABLES.items():
            partitions.ensure_partitions(
                cursor, table, column, (NOW - timedelta(days=days_back)).date(), NOW.date()
            )


def run_at(now):
    with clock_module.use(FakeClock(now)):
        return retention.run()


@postgres_only
def test_rows_land_in_their_days_partition(point):
    prepare_days(3)
    session(point, person(1, NOW), NOW - timedelta(days=2))
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM records_sessionrecord")
        assert cursor.fetchone()[0] == "records_sessionrecord_p20261120"


@postgres_only
def test_a_new_partition_takes_its_rows_from_the_default_one(point):
    long_ago = NOW - timedelta(days=400)
    session(point, person(1, NOW), long_ago)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM records_sessionrecord_default")
        assert cursor.fetchone()[0] == 1
        created = partitions.ensure_partitions(
            cursor, "records_sessionrecord", "started_at", long_ago.date(), long_ago.date()
        )
        assert created == [f"records_sessionrecord_p{long_ago:%Y%m%d}"]
        cursor.execute("SELECT count(*) FROM records_sessionrecord_default")
        assert cursor.fetchone()[0] == 0
    assert SessionRecord.objects.count() == 1


@postgres_only
def test_expired_days_are_dropped_whole_and_counted(point, settings):
    prepare_days(40)
    somebody = person(1, NOW)
    for n, days in enumerate((35, 35, 31, 30, 29, 1), start=1):
        session(point, somebody, NOW - timedelta(days=days, minutes=1), local_id=n)
    deletions = run_at(NOW)
    dropped = [d for d in deletions if d.kind == "sessions" and d.method == "drop_partition"]
    assert sum(d.count for d in dropped) == 3  # the 35- and 31-day-old days, whole
    assert "records_sessionrecord_p20261018" in {d.detail for d in dropped}
    deleted = next(d for d in deletions if d.kind == "sessions" and d.method == "delete")
    assert deleted.count == 1  # 30 days and a minute: part of a day that is not over
    assert SessionRecord.objects.count() == 2
    with connection.cursor() as cursor:
        names = [p[0] for p in partitions.list_partitions(cursor, "records_sessionrecord")]
    assert "records_sessionrecord_p20261018" not in names
    assert "records_sessionrecord_p20261129" in names  # a week ahead is ready


def test_the_job_deletes_expired_records_and_proves_it_even_when_nothing_is_due(point):
    old = NOW - timedelta(days=45)
    gone, kept = person(1, old), person(2, old)
    session(point, kept, NOW - timedelta(days=2))
    Heartbeat.objects.create(
        point=point,
        at=old,
        software_version="0.1.0",
        software_hash="ab" * 32,
        stations_in_use=1,
        stations_total=2,
    )
    PointPerson.objects.create(point=point, local_id=1, person=gone, registered_at=old)
    run_at(NOW)
    assert list(Person.objects.all()) == [kept]
    assert not PointPerson.objects.exists() and not Heartbeat.objects.exists()
    proof = {(d.kind, d.method): d.count for d in Deletion.objects.all()}
    assert proof[("persons", "delete")] == 1
    assert sum(c for (k, _m), c in proof.items() if k == "heartbeats") == 1
    Deletion.objects.all().delete()
    run_at(NOW)
    kinds = {d.kind for d in Deletion.objects.all()}
    assert kinds == {"sessions", "heartbeats", "received_events", "persons", "request_nonces"}
    assert all(d.count == 0 for d in Deletion.objects.all())


def test_a_person_seen_recently_is_kept_without_sessions(point):
    recent = person(1, NOW - timedelta(days=29))
    run_at(NOW)
    assert list(Person.objects.all()) == [recent]


def test_the_retention_command_prints_its_proof(point, capsys):
    with clock_module.use(FakeClock(NOW)):
        call_command("retention")
    out = capsys.readouterr().out
    assert "sessions\t0\tolder than 2026-10-23 03:00 UTC" in out
