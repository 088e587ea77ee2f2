"""Partition the large tables by time on PostgreSQL, with the SQL this migration runs written
here: netpoint.provider.records.partitions keeps them later (the same statements, which may
change without changing this migration)."""

from datetime import UTC, date, datetime, time, timedelta

from django.db import migrations

# Table -> the time column it is partitioned by.
TABLES = {
    "records_sessionrecord": "started_at",
    "records_heartbeat": "at",
    "records_receivedevent": "occurred_at",
}
# Kept by week (Monday to Monday, UTC); the others by day.
WEEKLY = {"records_sessionrecord"}
DAY, WEEK = timedelta(days=1), timedelta(weeks=1)


def partition_table(cursor, table: str, column: str) -> None:
    """Turn a plain table into a partitioned one with the same columns, defaults, identity and
    indexes, keeping its rows; the primary key gains the time column, as PostgreSQL requires."""
    cursor.execute(
        "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
        " WHERE indrelid = %s::regclass AND NOT indisprimary",
        [table],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_plain")
    cursor.execute(
        f"CREATE TABLE {table} (LIKE {table}_plain INCLUDING DEFAULTS INCLUDING IDENTITY"
        f" INCLUDING CONSTRAINTS) PARTITION BY RANGE ({column})"
    )
    cursor.execute(f"CREATE TABLE {table}_default PARTITION OF {table} DEFAULT")
    cursor.execute(f"INSERT INTO {table} SELECT * FROM {table}_plain")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    if sequence:  # the new identity starts at 1: move it past the ids just copied
        cursor.execute(f"SELECT setval(%s, max(id)) FROM {table} HAVING count(*) > 0", [sequence])
    cursor.execute(f"DROP TABLE {table}_plain")
    # Only now, once the old ones are gone, can the keys and indexes take their names again.
    cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id, {column})")
    for definition in indexes:
        cursor.execute(definition)


def add_partition(cursor, table: str, column: str, first: date, span: timedelta) -> None:
    """The partition of `span` from `first` (named for them: p for a day, w for a week), with
    the rows the default partition holds for it."""
    name = f"{table}_{'w' if span == WEEK else 'p'}{first:%Y%m%d}"
    start = datetime.combine(first, time(0), tzinfo=UTC)
    end = start + span
    cursor.execute("SET LOCAL lock_timeout = '10s'")
    cursor.execute(f"LOCK TABLE {table}_default IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS)")
    cursor.execute(
        f"WITH moved AS (DELETE FROM {table}_default WHERE {column} >= %s"
        f" AND {column} < %s RETURNING *) INSERT INTO {name} SELECT * FROM moved",
        [start, end],
    )
    cursor.execute(
        f"ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)", [start, end]
    )


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite keeps plain tables
    today = datetime.now(UTC).date()
    # From yesterday: events of the day before still arriving get a day of their own; a week
    # ahead.
    days = [today + timedelta(days=n) for n in range(-1, 8)]
    with schema_editor.connection.cursor() as cursor:
        for table, column in TABLES.items():
            partition_table(cursor, table, column)
            if table in WEEKLY:
                mondays = sorted({day - timedelta(days=day.weekday()) for day in days})
                for monday in mondays:
                    add_partition(cursor, table, column, monday, WEEK)
            else:
                for day in days:
                    add_partition(cursor, table, column, day, DAY)


class Migration(migrations.Migration):
    """Partition the large tables by day (the sessions by week) on PostgreSQL. Django's idea of
    the tables does not change: only the database's layout does."""

    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
