import django.db.models.deletion
from django.db import migrations, models


def remember_paired(apps, schema_editor):
    """Stations paired before the gate: what they hold now is the best known pair."""
    Station = apps.get_model("stations", "Station")
    PairedAddress = apps.get_model("gate", "PairedAddress")
    PairedAddress.objects.bulk_create(
        PairedAddress(station_id=s.pk, ip=s.ip, mac=s.mac or "", paired_at=s.paired_at)
        for s in Station.objects.filter(paired_at__isnull=False)
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("stations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PairedAddress",
            fields=[
                (
                    "station",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="stations.station",
                    ),
                ),
                ("ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="địa chỉ IP khi ghép")),
                ("mac", models.CharField(blank=True, max_length=17, verbose_name="địa chỉ MAC khi ghép")),
                ("paired_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "địa chỉ đã ghép",
                "verbose_name_plural": "địa chỉ đã ghép",
            },
        ),
        migrations.RunPython(remember_paired, migrations.RunPython.noop),
    ]
