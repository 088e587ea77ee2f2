"""Drop the indexes ingest keeps up to date for no search (docs/PERFORMANCE.md, "Ingest: which
index costs what, and which search needs it"): Django's own index of a foreign key where another
index begins with the same column, and, on PostgreSQL, the `_like` (pattern) index of the people's
blind index, which nothing searches by prefix. A fifth of the index blocks ingest touched.

Django's state learns `db_index=False`; the database drops the indexes by name, found by
introspection, so the foreign key constraints (pointperson's) are not dropped and re-validated
over the whole table as a plain AlterField would."""

import django.db.models.deletion
from django.db import migrations, models

nothing = django.db.models.deletion.DO_NOTHING

# Table -> the foreign key columns whose index of their own goes.
ALONE = {
    "records_heartbeat": ["point_id"],
    "records_pointperson": ["point_id"],
    "records_receivedevent": ["point_id"],
    "records_sessionrecord": ["person_id", "point_id"],
}


def single_column_indexes(schema_editor, table: str, column: str) -> list[str]:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, about in found.items()
        if about["index"]
        and not about["unique"]
        and not about["primary_key"]
        and about["columns"] == [column]
        and name.startswith(f"{table}_{column}_")  # Django's name, not one declared
    ]


def drop(apps, schema_editor):
    quote = schema_editor.quote_name
    for table, columns in ALONE.items():
        for column in columns:
            for name in single_column_indexes(schema_editor, table, column):
                schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'records_person'"
                " AND indexname LIKE 'records_person_id_index%%_like'"
            )
            for (name,) in cursor.fetchall():
                schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")


def recreate(apps, schema_editor):
    quote = schema_editor.quote_name
    for table, columns in ALONE.items():
        for column in columns:
            name = quote(f"{table}_{column}_alone")
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS records_person_id_index_like"
            " ON records_person (id_index varchar_pattern_ops)"
        )


def no_index(to: str, constraint: bool, on_delete) -> models.ForeignKey:
    return models.ForeignKey(db_constraint=constraint, db_index=False, on_delete=on_delete, to=to)


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0011_session_minutes_unconfirmed"),
        ("registry", "0004_point_policy"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    "heartbeat", "point", no_index("registry.point", False, nothing)
                ),
                migrations.AlterField(
                    "pointperson",
                    "point",
                    no_index("registry.point", True, django.db.models.deletion.CASCADE),
                ),
                migrations.AlterField(
                    "receivedevent", "point", no_index("registry.point", False, nothing)
                ),
                migrations.AlterField(
                    "sessionrecord", "person", no_index("records.person", False, nothing)
                ),
                migrations.AlterField(
                    "sessionrecord", "point", no_index("registry.point", False, nothing)
                ),
            ],
            database_operations=[migrations.RunPython(drop, recreate)],
        )
    ]
