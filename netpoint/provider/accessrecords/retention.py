"""The provider's retention of access records (NETPOINT_RETENTION_DAYS["access"]): a step of the
daily retention job (its door: netpoint.provider.records.retention) with the same proof of what
went: whole day partitions dropped, then what is left before the cutoff deleted."""

from netpoint.provider.accessrecords.models import AccessRecord
from netpoint.provider.records.models import Deletion
from netpoint.provider.records.retention import Step, expire_partitioned

KIND = "access"
TABLE = "accessrecords_accessrecord"
COLUMN = "minute"


def run(now) -> list[Deletion]:
    return expire_partitioned(KIND, AccessRecord, COLUMN, now)


STEPS = [Step((KIND,), run)]
PARTITIONED = {TABLE: COLUMN}
