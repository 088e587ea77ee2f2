"""The retention job: deletes each kind of record once its retention has passed, and keeps
proof (a Deletion row per kind and method) of how many it deleted and up to when.

Every step is one transaction together with its proof, so a crash leaves each step either
done and recorded or not done at all; the next run does what is left.

The retention door (netpoint.common.core.doors): an installed provider app takes part by having
a `retention` module that defines

- `STEPS: list[Step]`, its steps: `Step.run(now) -> list[Deletion]` deletes what of
  `Step.kinds` is past its retention, each deletion in one transaction with its Deletion row,
  and returns those rows. The job runs every app's steps in INSTALLED_APPS order.
- `PARTITIONED: dict[str, str]` (if it has any), its tables partitioned by day on PostgreSQL
  (table -> time column, netpoint.provider.records.partitions): the job prepares their coming
  days before any step runs.

This module is also the records app's own door: its STEPS and PARTITIONED are at the end.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from netpoint.common.core import clock
from netpoint.common.core.doors import opened
from netpoint.common.core.models import SignedInSession
from netpoint.common.core.policy import local_tz
from netpoint.common.policies import retention
from netpoint.provider.records import partitions
from netpoint.provider.records.conf import SYSTEM_LOGS
from netpoint.provider.records.conf import conf as retention_days
from netpoint.provider.records.conf import profile as retention_profile
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

DAYS_AHEAD = 7
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One step of an app's retention (see the module's docstring)."""

    kinds: tuple[str, ...]  # the kinds its Deletion rows name, e.g. NETPOINT_RETENTION_DAYS keys
    run: Callable[[datetime], list[Deletion]]


def run(now=None) -> list[Deletion]:
    now = now or clock.now()
    doors = opened("retention", within="netpoint.provider.")
    if connection.vendor == "postgresql":  # first, so that ingest keeps landing in partitions
        prepare_days_ahead(now, doors)  # even if a step fails
    deletions = []
    for step in installed_steps(doors):
        deletions += step.run(now)
    return deletions


def installed_steps(doors: list[ModuleType] | None = None) -> list[Step]:
    """Every installed app's steps, in INSTALLED_APPS order."""
    found = []
    for door in opened("retention", within="netpoint.provider.") if doors is None else doors:
        if not hasattr(door, "STEPS"):
            raise ImproperlyConfigured(f"{door.__name__} is a retention door with no STEPS")
        found += door.STEPS
    return found


def prepare_days_ahead(now, doors: list[ModuleType]) -> None:
    today = now.astimezone(UTC).date()
    with connection.cursor() as cursor:
        for door in doors:
            for table, column in getattr(door, "PARTITIONED", {}).items():
                partitions.ensure_partitions(
                    cursor, table, column, today, today + timedelta(days=DAYS_AHEAD)
                )


def cutoff_of(kind: str, now) -> datetime:
    """Where `kind` (a NETPOINT_RETENTION_DAYS key) is cut, under the profile in force."""
    days = getattr(retention_days(), kind)
    return held_cutoff(retention.cutoff(now, days), now, days, user_data=kind not in SYSTEM_LOGS)


def held_cutoff(cutoff_at: datetime, now, days: int, *, user_data: bool = True) -> datetime:
    """`cutoff_at` (of a kind kept `days`), moved back while a storage request holds the
    records (NETPOINT_RETENTION's "storage_request" profile): user data at least its 24
    months, system logs their 12. Any app's retention may call it for its own kinds."""
    settings = retention_profile()
    if settings.profile != "storage_request":
        return cutoff_at
    received, ends = settings.request_dates()
    return retention.held(
        now,
        cutoff_at,
        days=days,
        received=datetime.combine(received, time(), tzinfo=local_tz()),
        ends=datetime.combine(ends + timedelta(days=1), time(), tzinfo=local_tz())
        if ends
        else None,
        minimum_days=settings.user_data_days if user_data else settings.system_log_days,
    )


def expire_partitioned(kind: str, model, column: str, now) -> list[Deletion]:
    """A kind kept in a table partitioned by `column` (a time): on PostgreSQL the partitions
    wholly past the cutoff are dropped, then what is left before it is deleted row by row."""
    cutoff = cutoff_of(kind, now)
    deletions = []
    if connection.vendor == "postgresql":
        deletions += _drop_expired_partitions(kind, model._meta.db_table, cutoff, now)
    deletions.append(_delete_older(kind, model, column, cutoff, now))
    return deletions


def _drop_expired_partitions(kind: str, table: str, cutoff, now) -> list[Deletion]:
    """Each partition wholly past the cutoff, detached (partitions.detach_partition: ingest waits
    at most 100 ms for it), then counted and dropped. One whose table could not be had is left to
    the next run, its rows deleted one by one meanwhile (_delete_older); what a run stopped
    between detaching and dropping left is dropped first."""
    with connection.cursor() as cursor:
        names = retention.expired_partitions(partitions.detached_partitions(cursor, table), cutoff)
        for name in retention.expired_partitions(partitions.list_partitions(cursor, table), cutoff):
            if partitions.detach_partition(cursor, table, name):
                names.append(name)
            else:
                log.warning("retention: %s left for the next run, its table stayed busy", name)
        deletions = []
        for name in names:
            with transaction.atomic():
                count = partitions.drop_detached(cursor, name)
                deletions.append(_proof(kind, cutoff, count, "drop_partition", name, now))
    return deletions


def _delete_older(kind: str, model, column: str, cutoff, now) -> Deletion:
    """What dropping partitions leaves: the expired part of the day (of the sessions' week) the
    cutoff falls into, the default partition, or the whole of SQLite's plain table. Recorded
    even when nothing was due. (Nothing refers to these rows, so this is one DELETE statement.)"""
    with transaction.atomic():
        count, _per_model = model.objects.filter(**{f"{column}__lt": cutoff}).delete()
        return _proof(kind, cutoff, count, "delete", "", now)


# The records app's own steps.

# Kind of record (the key in NETPOINT_RETENTION_DAYS) -> its model, kept in a partitioned table.
LARGE_KINDS = {"sessions": SessionRecord, "heartbeats": Heartbeat, "received_events": ReceivedEvent}


def _expire_large_kinds(now) -> list[Deletion]:
    deletions = []
    for kind, model in LARGE_KINDS.items():
        column = partitions.LARGE_TABLES[model._meta.db_table]
        deletions += expire_partitioned(kind, model, column, now)
    return deletions


def _expire_persons(now) -> list[Deletion]:
    cutoff = cutoff_of("persons", now)
    return [_expire_people(cutoff, now)]


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


STEPS = [
    Step(tuple(LARGE_KINDS), _expire_large_kinds),
    Step(("persons",), _expire_persons),
    Step(("request_nonces",), lambda now: [_forget_nonces(now)]),
    Step(("web_sessions",), lambda now: [_forget_expired_sign_ins(now)]),
]
PARTITIONED = partitions.LARGE_TABLES
