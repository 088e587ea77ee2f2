import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Lines from an address no session held, kept as evidence instead of only counted."""

    dependencies = [
        ("accesslog", "0001_initial"),
        ("stations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnattributedAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("minute", models.DateTimeField(verbose_name="phút")),
                ("address", models.CharField(max_length=45, verbose_name="địa chỉ máy khách")),
                ("service", models.CharField(max_length=16, verbose_name="loại dịch vụ")),
                (
                    "destination",
                    models.CharField(max_length=255, verbose_name="địa chỉ truy cập"),
                ),
                ("port", models.PositiveIntegerField(default=0, verbose_name="cổng")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="số lần")),
                (
                    "station",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="unattributed_accesses",
                        to="stations.station",
                        verbose_name="máy trạm",
                    ),
                ),
            ],
            options={
                "verbose_name": "truy cập không có phiên",
                "verbose_name_plural": "truy cập không có phiên",
                "indexes": [models.Index(fields=["minute"], name="unattributed_by_minute")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("address", "minute", "destination", "port"),
                        name="one_unattributed_row_a_minute",
                    )
                ],
            },
        ),
    ]
