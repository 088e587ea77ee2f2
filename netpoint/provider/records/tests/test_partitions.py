"""Day (and, for the sessions, week) partitions of the large tables on PostgreSQL; SQLite
keeps plain tables."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection

from netpoint.common.core import clock
from netpoint.provider.records import partitions
from netpoint.provider.records.models import Heartbeat, SessionRecord

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions are PostgreSQL's"
)
DAY = date(2026, 11, 20)
MIDNIGHT = datetime(2026, 11, 20, tzinfo=UTC)
ONE_DAY = timedelta(days=1)


@pytest.fixture
def beat(provider_point):
    point = provider_point()

    def make(at: datetime) -> Heartbeat:
        return Heartbeat.objects.create(
            point=point,
            at=at,
            software_version="0.1.0",
            software_hash="ab" * 32,
            stations_in_use=1,
            stations_total=2,
        )

    return make


def fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def home_of(table: str, pk) -> str:
    """The partition a row is stored in."""
    return fetch(f"SELECT tableoid::regclass::text FROM {table} WHERE id = %s", [pk])[0][0]


def ensure(first: date, last: date, table: str = "records_heartbeat") -> list[str]:
    with connection.cursor() as cursor:
        return partitions.ensure_partitions(
            cursor, table, partitions.LARGE_TABLES[table], first, last
        )


@postgres_only
@pytest.mark.parametrize("table", list(partitions.LARGE_TABLES))
def test_after_migrate_each_large_table_is_partitioned_by_time_with_a_week_ahead(table):
    column = partitions.LARGE_TABLES[table]
    [(kind, key)] = fetch(
        "SELECT relkind, pg_get_partkeydef(oid) FROM pg_class WHERE relname = %s", [table]
    )
    assert (kind, key) == ("p", f"RANGE ({column})")
    today = datetime.combine(clock.now().astimezone(UTC).date(), time(0), tzinfo=UTC)
    with connection.cursor() as cursor:
        listed = partitions.list_partitions(cursor, table)
    for n in range(8):
        assert [name for name, start, end in listed if start <= today + timedelta(days=n) < end]
    spans = {end - start for _name, start, end in listed}
    assert spans == {timedelta(weeks=1) if table in partitions.WEEKLY else timedelta(days=1)}
    assert fetch("SELECT to_regclass(%s)::text", [f"{table}_default"]) == [(f"{table}_default",)]


@postgres_only
@pytest.mark.parametrize("table", list(partitions.LARGE_TABLES))
def test_the_primary_key_gains_the_time_column_and_point_and_is_the_only_unique_index(table):
    unique = fetch(
        "SELECT indisprimary, array_agg(a.attname ORDER BY k.n) FROM pg_index i"
        " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        " WHERE i.indrelid = %s::regclass AND i.indisunique GROUP BY i.indexrelid, indisprimary",
        [table],
    )
    # The point last: Citus's distribution column (netpoint.provider.records.distribution).
    assert unique == [(True, ["id", partitions.LARGE_TABLES[table], "point_id"])]


@postgres_only
def test_the_models_indexes_are_kept():
    for model in (SessionRecord, Heartbeat):
        table = model._meta.db_table
        found = fetch("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        assert {index.name for index in model._meta.indexes} <= {name for name, _def in found}


@postgres_only
def test_no_index_of_the_point_alone_is_kept_where_another_begins_with_it():
    # Ingest kept them up to date for no search (records migration 0012).
    for model in (SessionRecord, Heartbeat):
        table = model._meta.db_table
        found = fetch("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        assert not [name for name, definition in found if definition.endswith("(point_id)")]


@postgres_only
def test_rows_land_in_their_days_partition_and_ids_still_come_from_the_database(beat):
    ensure(DAY, DAY + timedelta(days=1))
    first = beat(MIDNIGHT)
    last = beat(MIDNIGHT + timedelta(days=1) - timedelta(microseconds=1))
    next_day = beat(MIDNIGHT + timedelta(days=1))
    assert first.pk and last.pk > first.pk
    assert home_of("records_heartbeat", first.pk) == "records_heartbeat_p20261120"
    assert home_of("records_heartbeat", last.pk) == "records_heartbeat_p20261120"
    assert home_of("records_heartbeat", next_day.pk) == "records_heartbeat_p20261121"


@postgres_only
def test_a_day_without_a_partition_lands_in_the_default_one_and_moves_when_it_gets_one(beat):
    long_ago = beat(MIDNIGHT - timedelta(days=400))
    other_day = beat(MIDNIGHT - timedelta(days=399))
    assert home_of("records_heartbeat", long_ago.pk) == "records_heartbeat_default"
    day = long_ago.at.date()
    assert ensure(day, day) == [f"records_heartbeat_p{day:%Y%m%d}"]
    assert home_of("records_heartbeat", long_ago.pk) == f"records_heartbeat_p{day:%Y%m%d}"
    assert home_of("records_heartbeat", other_day.pk) == "records_heartbeat_default"
    assert Heartbeat.objects.count() == 2
    assert ensure(day, day) == []  # idempotent


@postgres_only
def test_sessions_are_kept_by_week_from_monday_and_a_week_is_made_once():
    table = "records_sessionrecord"
    friday = date(2026, 11, 20)
    assert ensure(friday, friday + timedelta(days=3), table) == [
        "records_sessionrecord_w20261116",
        "records_sessionrecord_w20261123",
    ]
    with connection.cursor() as cursor:
        listed = partitions.list_partitions(cursor, table)
    monday = datetime(2026, 11, 16, tzinfo=UTC)
    assert ("records_sessionrecord_w20261116", monday, monday + timedelta(weeks=1)) in listed
    assert ensure(friday - timedelta(days=4), friday + timedelta(days=10), table) == []


@postgres_only
def test_a_week_overlapping_day_partitions_made_before_is_made_by_day():
    """An install from before the sessions were kept by week has day partitions of sessions
    up to a week ahead: the week they reach into is completed day by day, the next one whole."""
    table = "records_sessionrecord"
    with connection.cursor() as cursor:  # Friday 20 November, as a day
        cursor.execute(
            f"CREATE TABLE {table}_p20261120 PARTITION OF {table} FOR VALUES FROM (%s) TO (%s)",
            [MIDNIGHT, MIDNIGHT + ONE_DAY],
        )
    assert ensure(DAY - timedelta(days=1), DAY + timedelta(days=3), table) == [
        "records_sessionrecord_p20261119",
        "records_sessionrecord_p20261121",
        "records_sessionrecord_p20261122",
        "records_sessionrecord_w20261123",
    ]
    with connection.cursor() as cursor:
        listed = partitions.list_partitions(cursor, table)
    starts = [start for _name, start, _end in listed]
    assert starts == sorted(starts)
    # Each day in exactly one partition, none left out.
    for n in range(-1, 10):
        at = MIDNIGHT + n * ONE_DAY
        assert len([name for name, start, end in listed if start <= at < end]) == 1


@postgres_only
def test_partitions_are_listed_with_their_bounds_detached_and_dropped_with_their_count(beat):
    ensure(DAY, DAY)
    beat(MIDNIGHT + timedelta(hours=5))
    beat(MIDNIGHT + timedelta(hours=6))
    name = "records_heartbeat_p20261120"
    with connection.cursor() as cursor:
        listed = partitions.list_partitions(cursor, "records_heartbeat")
        assert (name, MIDNIGHT, MIDNIGHT + timedelta(days=1)) in listed
        assert listed == sorted(listed, key=lambda p: p[1])
        assert partitions.detach_partition(cursor, "records_heartbeat", name)
        assert partitions.drop_detached(cursor, name) == 2
        names = [p[0] for p in partitions.list_partitions(cursor, "records_heartbeat")]
    assert name not in names
    assert not Heartbeat.objects.exists()


@postgres_only
def test_partitioning_a_table_keeps_its_rows_defaults_identity_and_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE scratch_log (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
            " at timestamptz NOT NULL, note text NOT NULL DEFAULT 'x')"
        )
        cursor.execute("CREATE INDEX scratch_by_note ON scratch_log (note, at)")
        cursor.execute("INSERT INTO scratch_log (at) VALUES (%s), (%s)", [MIDNIGHT, MIDNIGHT])
        partitions.partition_table(cursor, "scratch_log", "at")
        partitions.ensure_partitions(cursor, "scratch_log", "at", DAY, DAY)
        cursor.execute("INSERT INTO scratch_log (at) VALUES (%s) RETURNING id, note", [MIDNIGHT])
        assert cursor.fetchone() == (3, "x")
        cursor.execute("SELECT tableoid::regclass::text, count(*) FROM scratch_log GROUP BY 1")
        assert cursor.fetchall() == [("scratch_log_p20261120", 3)]
    indexes = fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'scratch_log'")
    assert set(indexes) == {("scratch_log_pkey",), ("scratch_by_note",)}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's side")
def test_sqlite_keeps_plain_tables(beat):
    tables = connection.introspection.table_names()
    assert "records_heartbeat" in tables
    assert not [name for name in tables if name.endswith("_default")]
    assert beat(MIDNIGHT).pk
