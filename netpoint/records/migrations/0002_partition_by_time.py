from datetime import UTC, datetime, timedelta

from django.db import migrations

from netpoint.records.partitions import LARGE_TABLES, ensure_partitions, partition_table


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite keeps plain tables
    today = datetime.now(UTC).date()
    with schema_editor.connection.cursor() as cursor:
        for table, column in LARGE_TABLES.items():
            partition_table(cursor, table, column)
            ensure_partitions(cursor, table, column, today - timedelta(days=1), today + timedelta(days=7))


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
