from datetime import UTC, timedelta

from django.db import migrations

from netpoint.common.core import clock
from netpoint.provider.records.partitions import LARGE_TABLES, ensure_partitions, partition_table


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite keeps plain tables
    today = clock.now().astimezone(UTC).date()
    with schema_editor.connection.cursor() as cursor:
        for table, column in LARGE_TABLES.items():
            partition_table(cursor, table, column)
            # From yesterday: events of the day before still arriving get a day of their own.
            ensure_partitions(cursor, table, column, today - timedelta(days=1), today + timedelta(days=7))


class Migration(migrations.Migration):
    """Partition the large tables by day on PostgreSQL (see netpoint.provider.records.partitions).
    Django's idea of the tables does not change: only the database's layout does."""

    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
