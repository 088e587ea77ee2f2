from django.db import migrations, models


class Migration(migrations.Migration):
    """A session's pauses by the cashier: time paused is not play, so a minor's daily limit at
    the provider counts without it. Nullable, so adding it rewrites no partition."""

    dependencies = [("records", "0006_long_sessions_by_point_time")]

    operations = [
        migrations.AddField(
            model_name="sessionrecord",
            name="pauses",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
