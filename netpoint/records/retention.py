"""The retention job: deletes each kind of record once its retention has passed, and keeps
proof (a Deletion row per kind and method) of how many it deleted and up to when."""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from netpoint.core import clock
from netpoint.policies import retention
from netpoint.records import partitions
from netpoint.records.models import Deletion, Person, SessionRecord
from netpoint.registry.services import forget_old_nonces

# Kind of record (the key in NETPOINT_RETENTION_DAYS) -> its table.
LARGE_KINDS = {
    "sessions": "records_sessionrecord",
    "heartbeats": "records_heartbeat",
    "received_events": "records_receivedevent",
}
DAYS_AHEAD = 7


def run(now=None) -> list[Deletion]:
    now = now or clock.now()
    days = settings.NETPOINT_RETENTION_DAYS
    deletions = []
    for kind, table in LARGE_KINDS.items():
        deletions += _expire(kind, table, retention.cutoff(now, days[kind]), now)
    deletions.append(_expire_people(retention.cutoff(now, days["persons"]), now))
    with transaction.atomic():
        deletions.append(
            Deletion.objects.create(
                kind="request_nonces",
                cutoff=now,
                count=forget_old_nonces(),
                method="delete",
                ran_at=now,
            )
        )
    if connection.vendor == "postgresql":
        _prepare_days_ahead(now)
    return deletions


def _expire(kind: str, table: str, cutoff, now) -> list[Deletion]:
    column = partitions.LARGE_TABLES[table]
    deletions = []
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name, _start, end in partitions.list_partitions(cursor, table):
                if retention.partition_expired(end, cutoff):
                    count = partitions.count_rows(cursor, name)
                    partitions.drop_partition(cursor, name)
                    deletions.append(_proof(kind, cutoff, count, "drop_partition", name, now))
        # What is left: part of the oldest day, the default partition, or SQLite's plain table.
        cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [cutoff])  # noqa: S608
        deletions.append(_proof(kind, cutoff, cursor.rowcount, "delete", "", now))
    return deletions


def _expire_people(cutoff, now) -> Deletion:
    """A person goes when no session of theirs is left and they were last seen before the
    cutoff; their registrations at points go with them."""
    with transaction.atomic():
        expired = Person.objects.filter(last_seen_at__lt=cutoff).exclude(
            Exists(SessionRecord.objects.filter(person_id=OuterRef("pk")))
        )
        count = expired.count()
        expired.delete()
        return _proof("persons", cutoff, count, "delete", "", now)


def _proof(kind, cutoff, count, method, detail, now) -> Deletion:
    return Deletion.objects.create(
        kind=kind, cutoff=cutoff, count=count, method=method, detail=detail, ran_at=now
    )


def _prepare_days_ahead(now) -> None:
    today = now.date()
    with transaction.atomic(), connection.cursor() as cursor:
        for table, column in partitions.LARGE_TABLES.items():
            partitions.ensure_partitions(
                cursor, table, column, today, today + timedelta(days=DAYS_AHEAD)
            )
