import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Lines from an address no session held, as points send them: evidence for monitoring."""

    dependencies = [
        ("accessrecords", "0002_partition_by_minute"),
        ("registry", "0003_point_code_by_id"),
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
                ("address", models.CharField(max_length=45, verbose_name="địa chỉ máy khách")),
                (
                    "station",
                    models.CharField(blank=True, max_length=50, verbose_name="máy trạm"),
                ),
                ("minute", models.DateTimeField(verbose_name="phút")),
                ("service", models.CharField(max_length=16, verbose_name="loại dịch vụ")),
                (
                    "destination",
                    models.CharField(max_length=255, verbose_name="địa chỉ truy cập"),
                ),
                ("port", models.IntegerField(verbose_name="cổng")),
                ("count", models.IntegerField(verbose_name="số lần")),
                (
                    "point",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="registry.point",
                    ),
                ),
            ],
            options={
                "verbose_name": "truy cập không có phiên",
                "verbose_name_plural": "truy cập không có phiên",
                "indexes": [
                    models.Index(fields=["point", "minute"], name="unattributed_by_point"),
                    models.Index(fields=["minute"], name="unattributed_by_time"),
                ],
            },
        ),
    ]
