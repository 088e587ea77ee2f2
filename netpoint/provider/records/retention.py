"""The retention job: deletes each kind of record once its retention has passed, and keeps
proof (a Deletion row per kind and method) of how many it deleted and up to when.

Every step is one transaction together with its proof, so a crash leaves each step either
done and recorded or not done at all; the next run does what is left.
"""

from dataclasses import asdict
from datetime import UTC, timedelta

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from netpoint.common.core import clock
from netpoint.common.core.models import SignedInSession
from netpoint.common.policies import retention
from netpoint.provider.accessrecords import retention as access_retention
from netpoint.provider.modules.nat import retention as nat_retention
from netpoint.provider.modules.wifi import retention as wifi_retention
from netpoint.provider.records import partitions
from netpoint.provider.records.conf import conf as retention_days
from netpoint.provider.records.models import (
    Deletion,
    Heartbeat,
    Person,
    PointPerson,
    PointStream,
    ReceivedEvent,
    SessionRecord,
)
from netpoint.provider.registry.conf import conf as provider_conf
from netpoint.provider.registry.services import forget_old_nonces

# Kind of record (the key in NETPOINT_RETENTION_DAYS) -> its model.
LARGE_KINDS = {"sessions": SessionRecord, "heartbeats": Heartbeat, "received_events": ReceivedEvent}
DAYS_AHEAD = 7


def run(now=None) -> list[Deletion]:
    now = now or clock.now()
    postgres = connection.vendor == "postgresql"
    if postgres:  # first, so that ingest keeps landing in partitions even if a step fails
        prepare_days_ahead(now)
    cutoffs = retention.cutoffs(now, asdict(retention_days()))
    deletions = []
    for kind, model in LARGE_KINDS.items():
        if postgres:
            deletions += _drop_expired_partitions(kind, model._meta.db_table, cutoffs[kind], now)
        deletions.append(_delete_older(kind, model, cutoffs[kind], now))
    deletions += access_retention.run(now)
    deletions += wifi_retention.run(now)
    deletions += nat_retention.run(now)
    deletions.append(_expire_people(cutoffs["persons"], now))
    deletions.append(_forget_nonces(now))
    deletions.append(_forget_expired_sign_ins(now))
    return deletions


def prepare_days_ahead(now) -> None:
    today = now.astimezone(UTC).date()
    with connection.cursor() as cursor:
        for table, column in partitions.LARGE_TABLES.items():
            partitions.ensure_partitions(
                cursor, table, column, today, today + timedelta(days=DAYS_AHEAD)
            )


def _drop_expired_partitions(kind: str, table: str, cutoff, now) -> list[Deletion]:
    with connection.cursor() as cursor:
        names = retention.expired_partitions(partitions.list_partitions(cursor, table), cutoff)
        deletions = []
        for name in names:
            with transaction.atomic():
                count = partitions.drop_partition(cursor, table, name)
                deletions.append(_proof(kind, cutoff, count, "drop_partition", name, now))
    return deletions


def _delete_older(kind: str, model, cutoff, now) -> Deletion:
    """What dropping partitions leaves: the expired part of the day (of the sessions' week) the
    cutoff falls into, the default partition, or the whole of SQLite's plain table. Recorded
    even when nothing was due. (Nothing refers to these rows, so this is one DELETE statement.)"""
    column = partitions.LARGE_TABLES[model._meta.db_table]
    with transaction.atomic():
        count, _per_model = model.objects.filter(**{f"{column}__lt": cutoff}).delete()
        return _proof(kind, cutoff, count, "delete", "", now)


def _expire_people(cutoff, now) -> Deletion:
    """A person goes when no session of theirs is left and they were last seen before the
    cutoff; their registrations at points go with them."""
    expired = Person.objects.filter(last_seen_at__lt=cutoff).exclude(
        Exists(SessionRecord.objects.filter(person_id=OuterRef("pk")))
    )
    with transaction.atomic():
        # Ingest stores a point's batch under a lock on its stream row, and may add a session
        # for a person without touching the person's row. Holding the streams of the points
        # that know these people waits out their batches in flight and holds off the next.
        knowing = PointPerson.objects.filter(person__in=expired).values("point_id")
        list(
            PointStream.objects.select_for_update()
            .filter(point_id__in=knowing)
            .order_by("point_id")
            .values_list("pk", flat=True)
        )
        # Asked again, locked: a batch stored meanwhile may have brought a session, and one
        # that sees the person again now waits for this transaction.
        gone = list(expired.select_for_update().values_list("pk", flat=True))
        _total, per_model = Person.objects.filter(pk__in=gone).delete()
        count = per_model.get(Person._meta.label, 0)
        return _proof("persons", cutoff, count, "delete", "", now)


def _forget_nonces(now) -> Deletion:
    # forget_old_nonces keeps twice the clock window of signed requests: a nonce older than
    # that belongs to a request that would be refused as expired anyway.
    window = provider_conf().clock_window_seconds
    with transaction.atomic():
        count = forget_old_nonces()
        return _proof(
            "request_nonces", now - timedelta(seconds=2 * window), count, "delete", "", now
        )


def _forget_expired_sign_ins(now) -> Deletion:
    """The web UI's sessions past their expiry, which no request can use any more: Django
    leaves them to a clean-up job (its clearsessions), and each names the user it signed in."""
    with transaction.atomic():
        count, _per_model = SignedInSession.objects.filter(expire_date__lt=now).delete()
        return _proof("web_sessions", now, count, "delete", "", now)


def _proof(kind, cutoff, count, method, detail, now) -> Deletion:
    return Deletion.objects.create(
        kind=kind, cutoff=cutoff, count=count, method=method, detail=detail, ran_at=now
    )
