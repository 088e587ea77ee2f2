from django.db import migrations


class Migration(migrations.Migration):
    """Sessions and days are rewritten with every heartbeat: room in each page lets PostgreSQL
    update them in place (HOT) instead of touching every index."""

    dependencies = [("games", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE games_playsession SET (fillfactor = 70);"
            "ALTER TABLE games_playday SET (fillfactor = 70);",
            "ALTER TABLE games_playsession RESET (fillfactor);"
            "ALTER TABLE games_playday RESET (fillfactor);",
        )
    ]
