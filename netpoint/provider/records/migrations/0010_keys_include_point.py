"""The primary keys of the records' tables include point_id, as Citus requires of the
distribution column (netpoint.provider.records.distribution). Only the database's keys change:
Django's idea of each table's primary key stays `id`, still unique and first in the key."""

from django.db import migrations

from netpoint.common.core.distribution import widen_primary_key

TABLES = [
    "records_receivedevent",
    "records_sessionrecord",
    "records_heartbeat",
    "records_pointperson",
    "records_stationrecord",
    "records_sequencegap",
]


def widen(apps, schema_editor):
    for table in TABLES:
        widen_primary_key(schema_editor, table, "point_id")


class Migration(migrations.Migration):
    dependencies = [("records", "0009_session_stations")]

    operations = [migrations.RunPython(widen, migrations.RunPython.noop)]
