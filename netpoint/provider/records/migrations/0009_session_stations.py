from django.db import migrations, models


class Migration(migrations.Migration):
    """The stations of a session the point moved, [[station, since], …]: who used a station at
    a moment is asked of where the session was then. Nullable (never moved), so adding it
    rewrites no partition."""

    dependencies = [("records", "0008_point_versions_of_people")]

    operations = [
        migrations.AddField(
            model_name="sessionrecord",
            name="stations",
            field=models.JSONField(blank=True, null=True),
        ),
    ]
