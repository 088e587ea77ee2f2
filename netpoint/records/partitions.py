"""Time partitions of the large tables on PostgreSQL (one per UTC day, plus a default one).

Retention then drops a whole day at once instead of deleting row by row, and each partition
stays small enough for its indexes to live in memory. The default partition catches rows for
days that have no partition yet, so nothing is ever refused; creating that day's partition
later moves them in. SQLite (the point role, tests) keeps plain tables.
"""

from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction

# Table -> the time column it is partitioned by.
LARGE_TABLES = {
    "records_sessionrecord": "started_at",
    "records_heartbeat": "at",
    "records_receivedevent": "occurred_at",
}
# Dropping or attaching a partition needs a strong lock; waiting in line behind a long query
# would hold up every insert queued behind us, so give up instead (the next run catches up).
LOCK_TIMEOUT = "10s"


def partition_name(table: str, day: date) -> str:
    return f"{table}_p{day:%Y%m%d}"


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start, start + timedelta(days=1)


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
    cursor.execute(f"INSERT INTO {table} SELECT * FROM {table}_plain")  # noqa: S608
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    sequence = cursor.fetchone()[0]
    if sequence:  # the new identity starts at 1: move it past the ids just copied
        restart = f"SELECT setval(%s, max(id)) FROM {table} HAVING count(*) > 0"  # noqa: S608
        cursor.execute(restart, [sequence])
    cursor.execute(f"DROP TABLE {table}_plain")
    # Only now, once the old ones are gone, can the keys and indexes take their names again.
    cursor.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (id, {column})")
    for definition in indexes:
        cursor.execute(definition)


def list_partitions(cursor, table: str) -> list[tuple[str, datetime, datetime]]:
    """The day partitions of a table with their bounds, oldest first (not the default)."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = %s AND c.relname ~ %s ORDER BY c.relname
        """,
        [table, rf"^{table}_p\d{{8}}$"],
    )
    found = []
    for (name,) in cursor.fetchall():
        day = datetime.strptime(name[-8:], "%Y%m%d").date()
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
            _create(cursor, table, column, name, *_bounds(day))
            created.append(name)
        day += timedelta(days=1)
    return created


def _create(cursor, table: str, column: str, name: str, start: datetime, end: datetime) -> None:
    # One transaction per day keeps each lock short. The default partition is locked before
    # its rows are moved, so no row of that day can arrive there between the move and the
    # attach (which would then fail). Attaching, unlike CREATE TABLE ... PARTITION OF, lets
    # inserts into the other partitions go on meanwhile.
    with transaction.atomic(using=cursor.db.alias):
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute(f"LOCK TABLE {table}_default IN ACCESS EXCLUSIVE MODE")
        cursor.execute(f"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS)")
        cursor.execute(
            f"WITH moved AS (DELETE FROM {table}_default WHERE {column} >= %s"  # noqa: S608
            f" AND {column} < %s RETURNING *) INSERT INTO {name} SELECT * FROM moved",
            [start, end],
        )
        cursor.execute(
            f"ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)",
            [start, end],
        )


def drop_partition(cursor, table: str, name: str) -> int:
    """Drop a day partition of `table` and return how many rows it held. Run it inside a
    transaction: the count is exact only because the table stays locked until its end.
    Dropping locks the whole table anyway; taking that lock first, before counting, also
    keeps the order in which inserts take their locks, so the two cannot deadlock."""
    cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608 - our own partition names
    count = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {name}")
    return count
