from django.db import migrations

# The condition is the one netpoint.provider.records.attribution repeats (RUNNING_AT_POINT), word for
# word: the planner uses a partial index only for a query whose conditions imply the index's.
CREATE = (
    "CREATE INDEX long_session_by_point_time ON records_sessionrecord (point_id, started_at)"
    " INCLUDE (station, ended_at, person_id)"
    " WHERE ended_at IS NULL OR ended_at - started_at > interval '12 hours'"
)
DROP = "DROP INDEX long_session_by_point_time"


def on_postgresql(statement):
    """A RunPython function that runs `statement` on PostgreSQL and nothing elsewhere: SQLite
    (the point role's database, which the SQLite test pass migrates every app on) has neither
    INCLUDE columns nor intervals."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    """The sessions longer than twelve hours, or not ended: the only ones a search at a moment
    needs to look for further back than twelve hours (netpoint.provider.records.attribution)."""

    dependencies = [("records", "0005_id_types_of_every_document")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
