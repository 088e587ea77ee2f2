from datetime import UTC, timedelta

from django.db import migrations

from netpoint.provider.accessrecords.retention import COLUMN, TABLE
from netpoint.common.core import clock
from netpoint.provider.records.partitions import ensure_partitions, partition_table


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite keeps a plain table
    today = clock.now().astimezone(UTC).date()
    with schema_editor.connection.cursor() as cursor:
        partition_table(cursor, TABLE, COLUMN)
        ensure_partitions(cursor, TABLE, COLUMN, today - timedelta(days=1), today + timedelta(days=7))


class Migration(migrations.Migration):
    """Partition the access records by day on PostgreSQL (netpoint.provider.records.partitions)."""

    dependencies = [("accessrecords", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
