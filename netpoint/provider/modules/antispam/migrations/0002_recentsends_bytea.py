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




def _alter(apps, schema_editor, sql: str, field) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(sql)
        return
    # Elsewhere (the point role's SQLite test pass migrates every app) the plain field change.
    model = apps.get_model("antispam", "RecentSends")
    old = model._meta.get_field("recipient")
    new = field.clone()
    new.set_attributes_from_name("recipient")
    new.model = model
    schema_editor.alter_field(model, old, new)


def forward(apps, schema_editor):
    _alter(apps, schema_editor, FORWARD, models.BinaryField(max_length=32))


def backward(apps, schema_editor):
    _alter(apps, schema_editor, BACKWARD, models.CharField(max_length=64))


class Migration(migrations.Migration):
    dependencies = [("antispam", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AlterField(
                    model_name="recentsends",
                    name="recipient",
                    field=models.BinaryField(max_length=32),
                )
            ],
        )
    ]
