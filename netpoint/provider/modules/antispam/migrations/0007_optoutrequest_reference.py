import secrets

from django.db import migrations, models

import netpoint.provider.modules.antispam.models

# models.REFERENCE_ALPHABET, copied: a migration must not change when the code does.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def give_references(apps, schema_editor):
    """Requests made before references existed get one, so the column can be required."""
    requests = apps.get_model("antispam", "OptOutRequest").objects.using(
        schema_editor.connection.alias
    )
    given = set()
    for made in requests.filter(reference__isnull=True).only("pk").iterator():
        while True:
            body = "".join(secrets.choice(ALPHABET) for _ in range(8))
            reference = f"TC-{body[:4]}-{body[4:]}"
            if reference not in given:
                break
        given.add(reference)
        requests.filter(pk=made.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [("antispam", "0006_registration_sent")]

    operations = [
        migrations.AddField(
            model_name="optoutrequest",
            name="reference",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="optoutrequest",
            name="reference",
            field=models.CharField(
                default=netpoint.provider.modules.antispam.models.new_reference,
                editable=False,
                max_length=12,
                unique=True,
                verbose_name="Số tham chiếu",
            ),
        ),
    ]
