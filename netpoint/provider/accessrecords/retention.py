"""The provider's retention of access records (NETPOINT_RETENTION_DAYS["access"]): a step of the
daily retention job (its door: netpoint.provider.records.retention) with the same proof of what
went: whole day partitions dropped, then what is left before the cutoff deleted."""

from django.db import transaction

from netpoint.provider.accessrecords.models import AccessRecord, UnattributedAccess
from netpoint.provider.records.models import Deletion
from netpoint.provider.records.retention import Step, cutoff_of, expire_partitioned

KIND = "access"
TABLE = "accessrecords_accessrecord"
COLUMN = "minute"


# The lines no session held are access records too: kept as long (NETPOINT_RETENTION_DAYS
# "access"), their deletions proved under a kind of their own.
UNATTRIBUTED = "access_unattributed"


def run(now) -> list[Deletion]:
    return expire_partitioned(KIND, AccessRecord, COLUMN, now)


def expire_unattributed(now) -> list[Deletion]:
    cutoff = cutoff_of(KIND, now)
    with transaction.atomic():
        count, _per_model = UnattributedAccess.objects.filter(minute__lt=cutoff).delete()
        proof = Deletion.objects.create(
            kind=UNATTRIBUTED, cutoff=cutoff, count=count, method="delete", detail="", ran_at=now
        )
    return [proof]


STEPS = [Step((KIND,), run), Step((UNATTRIBUTED,), expire_unattributed)]
PARTITIONED = {TABLE: COLUMN}
