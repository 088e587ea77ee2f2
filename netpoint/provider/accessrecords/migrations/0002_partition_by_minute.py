"""Partition the access records by day on PostgreSQL, with the SQL this migration runs written
here: netpoint.provider.records.partitions keeps them later (the same statements, which may
change without changing this migration)."""

from datetime import UTC, datetime, time, timedelta

from django.db import migrations

TABLE, COLUMN = "accessrecords_accessrecord", "minute"


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


def add_day(cursor, table: str, column: str, day) -> None:
    """The partition of `day`, with the rows the default partition holds for it."""
    name = f"{table}_p{day:%Y%m%d}"
    start = datetime.combine(day, time(0), tzinfo=UTC)
    end = start + timedelta(days=1)
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
        return  # SQLite keeps a plain table
    today = datetime.now(UTC).date()
    with schema_editor.connection.cursor() as cursor:
        partition_table(cursor, TABLE, COLUMN)
        # From yesterday to a week ahead.
        for n in range(-1, 8):
            add_day(cursor, TABLE, COLUMN, today + timedelta(days=n))


class Migration(migrations.Migration):
    """Partition the access records by day on PostgreSQL."""

    dependencies = [("accessrecords", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
