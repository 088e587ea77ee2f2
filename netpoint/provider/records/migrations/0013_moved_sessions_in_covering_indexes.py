"""The attribution searches read no table page for a session never moved (docs/PERFORMANCE.md,
scale). Since a session's `stations` came (0009) the searches read the table for it, a page per
session looked at, and at 100M sessions those pages no longer fit in memory. The list itself
(up to MAX_MOVES stations) is too long for an index entry; whether there is one, `moved`, goes
into the covering indexes, beside the station, where the alignment of the next column leaves
room, so the entries grow by nothing. The moved sessions, few, get indexes of their own.

The new column has a constant default, so adding it rewrites nothing. On a large database the
indexes are built again over every partition and the constraint is checked over every row,
holding ingest meanwhile (neither can be concurrent on a partitioned table): minutes per 10M
sessions."""

from importlib import import_module

from django.db import migrations, models

long_sessions = import_module("netpoint.provider.records.migrations.0006_long_sessions_by_point_time")

LONG_WITH_MOVED = long_sessions.CREATE.replace(
    "INCLUDE (station, ended_at, person_id)", "INCLUDE (station, moved, ended_at, person_id)"
)
assert LONG_WITH_MOVED != long_sessions.CREATE
moved = models.Q(moved=True)


def mark_moved(apps, schema_editor):
    apps.get_model("records", "SessionRecord").objects.filter(stations__isnull=False).update(
        moved=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0012_fewer_indexes_for_ingest"),
        ("registry", "0006_point_owner_phone"),
    ]

    operations = [
        migrations.AddField(
            model_name="sessionrecord",
            name="moved",
            field=models.BooleanField(db_default=False, default=False),
        ),
        migrations.RunPython(mark_moved, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="sessionrecord",
            constraint=models.CheckConstraint(
                condition=models.Q(moved=True, stations__isnull=False)
                | models.Q(moved=False, stations__isnull=True),
                name="session_moved_when_it_has_stations",
            ),
        ),
        migrations.RemoveIndex(model_name="sessionrecord", name="session_by_person"),
        migrations.RemoveIndex(model_name="sessionrecord", name="session_by_point_time"),
        migrations.AddIndex(
            model_name="sessionrecord",
            index=models.Index(
                fields=["person", "started_at"],
                include=("point", "station", "moved", "ended_at"),
                name="session_by_person",
            ),
        ),
        migrations.AddIndex(
            model_name="sessionrecord",
            index=models.Index(
                fields=["point", "started_at"],
                include=("station", "moved", "ended_at", "person"),
                name="session_by_point_time",
            ),
        ),
        migrations.AddIndex(
            model_name="sessionrecord",
            index=models.Index(
                fields=["person", "started_at"], condition=moved, name="moved_session_by_person"
            ),
        ),
        migrations.AddIndex(
            model_name="sessionrecord",
            index=models.Index(
                fields=["point", "started_at"], condition=moved, name="moved_session_by_point_time"
            ),
        ),
        migrations.RunPython(
            long_sessions.on_postgresql(f"{long_sessions.DROP}; {LONG_WITH_MOVED}"),
            long_sessions.on_postgresql(f"{long_sessions.DROP}; {long_sessions.CREATE}"),
        ),
    ]
