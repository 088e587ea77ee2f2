"""The primary keys of this app's distributed tables include their distribution column, as
Citus requires (this app's `distribution` door). Only the database's keys change: Django's idea
of each table's primary key stays the same, still unique and first in the key."""

from django.db import migrations

from netpoint.common.core.distribution import widen_primary_key

KEYS = {"radacct": "acctuniqueid"}


def widen(apps, schema_editor):
    for table, column in KEYS.items():
        widen_primary_key(schema_editor, table, column)


class Migration(migrations.Migration):
    dependencies = [("wifi", "0004_nas_bound_to_source")]

    operations = [migrations.RunPython(widen, migrations.RunPython.noop)]
