"""Points found by a public IP (authority searches "who used IP A at time T") through a GIN
index on PostgreSQL; SQLite, which has none, scans its few points."""

from django.db import migrations

INDEX = "point_by_public_ip"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON registry_point USING gin (public_ips jsonb_path_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
