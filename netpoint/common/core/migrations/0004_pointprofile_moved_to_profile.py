# PointProfile moved to the point's own app (netpoint.point.profile, its 0001), keeping its
# table core_pointprofile: this migration only takes it out of the core app's state, and runs
# no SQL.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_signed_in_session'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='PointProfile')],
            database_operations=[],
        ),
    ]
