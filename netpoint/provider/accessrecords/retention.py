"""The provider's retention of access records (NETPOINT_RETENTION_DAYS["access"]), run by the daily
retention job (netpoint.provider.records.retention) with the same proof of what went: whole day
partitions dropped, then what is left before the cutoff deleted."""

from datetime import UTC, timedelta

from django.db import connection, transaction

from netpoint.common.policies import retention
from netpoint.provider.accessrecords.models import AccessRecord
from netpoint.provider.records import partitions
from netpoint.provider.records.conf import conf as retention_days
from netpoint.provider.records.models import Deletion

KIND = "access"
TABLE = "accessrecords_accessrecord"
COLUMN = "minute"
DAYS_AHEAD = 7


def run(now) -> list[Deletion]:
    cutoff = retention.cutoff(now, retention_days().access)
    deletions = []
    if connection.vendor == "postgresql":
        today = now.astimezone(UTC).date()
        with connection.cursor() as cursor:
            partitions.ensure_partitions(
                cursor, TABLE, COLUMN, today, today + timedelta(days=DAYS_AHEAD)
            )
            expired = partitions.list_partitions(cursor, TABLE)
            for name in retention.expired_partitions(expired, cutoff):
                with transaction.atomic():
                    count = partitions.drop_partition(cursor, TABLE, name)
                    deletions.append(_proof(cutoff, count, "drop_partition", name, now))
    with transaction.atomic():
        count, _per_model = AccessRecord.objects.filter(minute__lt=cutoff).delete()
        deletions.append(_proof(cutoff, count, "delete", "", now))
    return deletions


def _proof(cutoff, count, method, detail, now) -> Deletion:
    return Deletion.objects.create(
        kind=KIND, cutoff=cutoff, count=count, method=method, detail=detail, ran_at=now
    )
