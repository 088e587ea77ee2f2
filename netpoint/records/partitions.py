"""Time partitions of the large tables on PostgreSQL (one per UTC day, plus a default one).

Retention then drops a whole day at once instead of deleting row by row, and each partition
stays small enough for its indexes to live in memory. The default partition catches rows for
days that have no partition yet, so nothing is ever refused; creating that day's partition
later moves them in. SQLite (the point role, tests) keeps plain tables.
"""

from datetime import UTC, date, datetime, time, timedelta

# Table -> the time column it is partitioned by.
LARGE_TABLES = {
    "records_sessionrecord": "started_at",
    "records_heartbeat": "at",
    "records_receivedevent": "occurred_at",
}


def partition_name(table: str, day: date) -> str:
    return f"{table}_p{day:%Y%m%d}"


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start, start + timedelta(days=1)


def partition_table(cursor, table: str, column: str) -> None:
    """Turn an empty plain table into a partitioned one with the same columns and indexes;
    the primary key gains the time column, as PostgreSQL requires."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
        [table, "%_pkey"],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_plain")
    cursor.execute(
        f"CREATE TABLE {table} (LIKE {table}_plain INCLUDING DEFAULTS INCLUDING IDENTITY"
        f" INCLUDING CONSTRAINTS) PARTITION BY RANGE ({column})"
    )
    cursor.execute(f"DROP TABLE {table}_plain")
    cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id, {column})")
    for definition in indexes:
        cursor.execute(definition)
    cursor.execute(f"CREATE TABLE {table}_default PARTITION OF {table} DEFAULT")


def list_partitions(cursor, table: str) -> list[tuple[str, datetime, datetime]]:
    """The day partitions of a table with their bounds, oldest first (not the default)."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = %s AND c.relname LIKE %s ORDER BY c.relname
        """,
        [table, f"{table}_p%"],
    )
    found = []
    for (name,) in cursor.fetchall():
        day = datetime.strptime(name.rsplit("_p", 1)[1], "%Y%m%d").date()
        found.append((name, *_bounds(day)))
    return found


def ensure_partitions(cursor, table: str, column: str, first: date, last: date) -> list[str]:
    """Create the day partitions from `first` to `last` that are missing, moving any rows the
    default partition holds for those days into them. Returns the names created."""
    existing = {name for name, _start, _end in list_partitions(cursor, table)}
    created = []
    day = first
    while day <= last:
        name = partition_name(table, day)
        if name not in existing:
            start, end = _bounds(day)
            cursor.execute(f"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS)")
            move = (
                f"WITH moved AS (DELETE FROM {table}_default WHERE {column} >= %s"  # noqa: S608
                f" AND {column} < %s RETURNING *) INSERT INTO {name} SELECT * FROM moved"
            )
            cursor.execute(move, [start, end])
            cursor.execute(
                f"ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)",
                [start, end],
            )
            created.append(name)
        day += timedelta(days=1)
    return created


def count_rows(cursor, name: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608 - our own partition names
    return cursor.fetchone()[0]


def drop_partition(cursor, name: str) -> None:
    cursor.execute(f"DROP TABLE {name}")
