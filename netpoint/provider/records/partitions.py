"""Time partitions of the large tables on PostgreSQL (one per UTC day, or per week for the
sessions, plus a default one).

Retention then drops a whole partition at once instead of deleting row by row, and each
partition stays small enough for its indexes to live in memory. The default partition catches
rows for days that have no partition yet, so nothing is ever refused; creating that day's
partition later moves them in. SQLite (the point role, tests) keeps plain tables.

The sessions are kept by week: a person's search reads every partition of its thirty days, and
reads five weeks in a third to two fifths less time than thirty days (docs/PERFORMANCE.md).
Retention deletes the oldest week's expired days row by row, and drops the week once all of it
has expired: detached first, which holds the table only while the catalogue changes, then
counted and dropped. A week that would overlap day partitions made before is made day by day
instead.
"""

import time as clock
from datetime import UTC, date, datetime, time, timedelta

from django.db import OperationalError, transaction

# Table -> the time column it is partitioned by.
LARGE_TABLES = {
    "records_sessionrecord": "started_at",
    "records_heartbeat": "at",
    "records_receivedevent": "occurred_at",
}
# Tables kept by week (Monday to Monday, UTC) rather than by day.
WEEKLY = {"records_sessionrecord"}
DAY, WEEK = timedelta(days=1), timedelta(weeks=1)
# A partition's name says its span, from which its bounds follow.
LETTER = {DAY: "p", WEEK: "w"}
SPAN_OF_LETTER = {letter: span for span, letter in LETTER.items()}
# Attaching a partition locks the default partition (only the rows of days with no partition
# of their own wait behind it); waiting in line behind a long query, give up instead (the next
# run catches up).
LOCK_TIMEOUT = "10s"
# Detaching a partition locks the whole table: every insert queued behind our wait for that lock
# waits too, so wait at most this long (the target: no insert held more than 100 ms), then try
# again a little later, a few times, before leaving the partition to the next run.
DETACH_LOCK_TIMEOUT = "100ms"
DETACH_TRIES, DETACH_PAUSE_SECONDS = 10, 1.0
# PostgreSQL's error code for a lock not had within lock_timeout.
LOCK_NOT_AVAILABLE = "55P03"


def partition_name(table: str, first: date, span: timedelta = DAY) -> str:
    """The partition of `span` starting on `first` (a Monday for a week)."""
    return f"{table}_{LETTER[span]}{first:%Y%m%d}"


def _bounds(first: date, span: timedelta) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time(0), tzinfo=UTC)
    return start, start + span


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
    """The partitions of a table with their bounds, oldest first (not the default)."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = %s AND c.relname ~ %s
        """,
        [table, rf"^{table}_[pw]\d{{8}}$"],
    )
    return _with_bounds(cursor.fetchall())


def ensure_partitions(cursor, table: str, column: str, first: date, last: date) -> list[str]:
    """Create the partitions missing for the days from `first` to `last` (for a weekly table,
    the weeks holding them), moving any rows the default partition holds for them into them.
    Returns the names created."""
    existing = [(start, end) for _name, start, end in list_partitions(cursor, table)]
    created = []
    day = first
    while day <= last:
        start, _end = _bounds(day, DAY)
        if not any(low <= start < high for low, high in existing):
            span_first, span = _new_partition(table, day, existing)
            name = partition_name(table, span_first, span)
            bounds = _bounds(span_first, span)
            _create(cursor, table, column, name, *bounds)
            existing.append(bounds)
            created.append(name)
        day += DAY
    return created


def _new_partition(table: str, day: date, existing: list) -> tuple[date, timedelta]:
    """(first day, span) of the partition to make for `day`: for a weekly table its week,
    unless that would overlap partitions made before; else the day alone."""
    if table in WEEKLY:
        monday = day - timedelta(days=day.weekday())
        start, end = _bounds(monday, WEEK)
        if not any(low < end and start < high for low, high in existing):
            return monday, WEEK
    return day, DAY


def _create(cursor, table: str, column: str, name: str, start: datetime, end: datetime) -> None:
    # One transaction per partition keeps each lock short. The default partition is locked before
    # its rows are moved, so no row of that day can arrive there between the move and the
    # attach (which would then fail). Attaching, unlike CREATE TABLE ... PARTITION OF, lets
    # inserts into the other partitions go on meanwhile.
    with transaction.atomic(using=cursor.db.alias):
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute(f"LOCK TABLE {table}_default IN ACCESS EXCLUSIVE MODE")
        cursor.execute(
            f"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
        )
        cursor.execute(
            f"WITH moved AS (DELETE FROM {table}_default WHERE {column} >= %s"  # noqa: S608
            f" AND {column} < %s RETURNING *) INSERT INTO {name} SELECT * FROM moved",
            [start, end],
        )
        cursor.execute(
            f"ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM (%s) TO (%s)",
            [start, end],
        )


def detach_partition(cursor, table: str, name: str) -> bool:
    """Detach `name` from `table` (rows for its days go to the default partition after);
    False if the lock was not had in DETACH_TRIES tries."""
    for attempt in range(DETACH_TRIES):
        if attempt:
            clock.sleep(DETACH_PAUSE_SECONDS)
        try:
            with transaction.atomic(using=cursor.db.alias):
                cursor.execute(f"SET LOCAL lock_timeout = '{DETACH_LOCK_TIMEOUT}'")
                cursor.execute(f"ALTER TABLE {table} DETACH PARTITION {name}")
            return True
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
    return False


def drop_detached(cursor, name: str) -> int:
    """Count the rows of a detached partition and drop it: nothing writes to it any more, so
    the count is exact. Run it in the transaction that records the count."""
    cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608 - our own partition names
    count = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {name}")
    return count


def detached_partitions(cursor, table: str) -> list[tuple[str, datetime, datetime]]:
    """Tables named as partitions of `table` but attached to none: what a run stopped between
    detaching and dropping left, with their bounds, oldest first."""
    cursor.execute(
        """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname ~ %s
          AND NOT c.relispartition
        """,
        [rf"^{table}_[pw]\d{{8}}$"],
    )
    return _with_bounds(cursor.fetchall())


def _with_bounds(rows) -> list[tuple[str, datetime, datetime]]:
    """Partitions' names (rows of one) with the bounds their names say, oldest first."""
    found = []
    for (name,) in rows:
        first = datetime.strptime(name[-8:], "%Y%m%d").date()
        found.append((name, *_bounds(first, SPAN_OF_LETTER[name[-9]])))
    return sorted(found, key=lambda partition: partition[1])
