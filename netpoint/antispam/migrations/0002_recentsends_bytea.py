from django.db import migrations, models

# The hex text becomes the bytes it spells; the unique index is rebuilt by ALTER TYPE.
FORWARD = (
    "ALTER TABLE antispam_recentsends ALTER COLUMN recipient TYPE bytea "
    "USING decode(recipient, 'hex'); "
    "ALTER TABLE antispam_recentsends SET (fillfactor = 80)"
)
BACKWARD = (
    "ALTER TABLE antispam_recentsends RESET (fillfactor); "
    "ALTER TABLE antispam_recentsends ALTER COLUMN recipient TYPE varchar(64) "
    "USING encode(recipient, 'hex')"
)


class Migration(migrations.Migration):
    dependencies = [("antispam", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AlterField(
                    model_name="recentsends",
                    name="recipient",
                    field=models.BinaryField(max_length=32),
                )
            ],
        )
    ]
