import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A free station whose agent fell silent: noticed once, open until it is heard again."""

    dependencies = [("stations", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="StationSilence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_word", models.DateTimeField(verbose_name="tín hiệu cuối")),
                ("noticed_at", models.DateTimeField(verbose_name="phát hiện lúc")),
                (
                    "ended_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="có tín hiệu lại lúc"
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="silences",
                        to="stations.station",
                    ),
                ),
            ],
            options={
                "verbose_name": "máy trống mất kết nối",
                "verbose_name_plural": "máy trống mất kết nối",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("station", "last_word"), name="one_silence_a_word"
                    )
                ],
            },
        ),
    ]
