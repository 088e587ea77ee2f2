from django.db import migrations, models


class Migration(migrations.Migration):
    """The report as seed 002 asks: capacity entered with each report (a game's fixed maximum
    said nothing of the reporting time; old reports are left without one rather than given a
    figure nobody entered), leased lines per server cluster, addressees from the settings and
    the provinces served, and the 16+ class of Nghị định 147/2024."""

    dependencies = [
        ("games", "0002_fillfactor"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="game",
            name="max_accounts",
        ),
        migrations.RemoveField(
            model_name="semiannualreport",
            name="addressee",
        ),
        migrations.AddField(
            model_name="gameserver",
            name="leased_line",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="kênh thuê riêng (nếu có)"
            ),
        ),
        migrations.AddField(
            model_name="semiannualreport",
            name="capacity_accounts",
            field=models.PositiveBigIntegerField(
                null=True,
                verbose_name="số tài khoản tối đa hệ thống đáp ứng được tại thời điểm báo cáo",
            ),
        ),
        migrations.AlterField(
            model_name="game",
            name="age_rating",
            field=models.CharField(
                choices=[("00+", "00+"), ("12+", "12+"), ("16+", "16+"), ("18+", "18+")],
                max_length=3,
                verbose_name="độ tuổi",
            ),
        ),
    ]
