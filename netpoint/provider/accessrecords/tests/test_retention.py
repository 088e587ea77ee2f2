from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from netpoint.provider.accessrecords.models import AccessRecord
from netpoint.provider.records import partitions, retention
from netpoint.provider.records.models import Deletion

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def record(point, minute):
    return AccessRecord.objects.create(
        point=point,
        session=1,
        minute=minute,
        service="web",
        destination="vnexpress.net",
        port=443,
        count=3,
    )


def test_access_records_past_thirty_days_go_with_proof(provider_point):
    point = provider_point()
    old, kept = record(point, NOW - timedelta(days=31)), record(point, NOW - timedelta(days=29))
    retention.run(NOW)
    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [kept.pk]
    proofs = Deletion.objects.filter(kind="access")
    assert sum(p.count for p in proofs) == 1
    assert old.pk not in AccessRecord.objects.values_list("pk", flat=True)


def test_a_whole_expired_day_is_dropped_as_a_partition(provider_point, settings):
    settings.NETPOINT_RETENTION_DAYS = {"access": 30}
    point = provider_point()
    day = NOW - timedelta(days=40)
    with connection.cursor() as cursor:
        partitions.ensure_partitions(
            cursor, "accessrecords_accessrecord", "minute", day.date(), day.date()
        )
    record(point, day)
    retention.run(NOW)
    drop = Deletion.objects.get(kind="access", method="drop_partition")
    assert (drop.count, drop.detail) == (1, f"accessrecords_accessrecord_p{day:%Y%m%d}")
    assert AccessRecord.objects.count() == 0
