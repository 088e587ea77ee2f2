from django.db import migrations


TABLES = ("games_playsession", "games_playday")


def set_fillfactor(apps, schema_editor):
    # PostgreSQL only: SQLite (the point role's embedded database) has no fillfactor.
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = 70)")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} RESET (fillfactor)")


class Migration(migrations.Migration):
    """Sessions and days are rewritten with every heartbeat: room in each page lets PostgreSQL
    update them in place (HOT) instead of touching every index."""

    dependencies = [("games", "0001_initial")]

    operations = [
        migrations.RunPython(set_fillfactor, reset_fillfactor),
    ]
