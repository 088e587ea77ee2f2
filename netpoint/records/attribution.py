"""The attribution queries: sessions with their person and point, found by person, by station
or by the points behind a public address, over a time range.

Each runs as one prepared statement with a generic plan. Over thirty day partitions the
planner's work costs more than the query itself; a generic plan is made once per connection
and prunes the partitions when it runs (docs/PERFORMANCE.md, attribution). Only these and the
plain lookups of netpoint.core.plainsql (by primary or unique keys, for which the generic plan
is the plan) are prepared; Django's own queries never are, so the connection setting below
changes none of them."""

from datetime import datetime

from netpoint.core.plainsql import prepared_cursor

COLUMNS = (
    "person_id",
    "full_name",
    "date_of_birth",
    "id_type",
    "id_number_sealed",
    "phone_sealed",
    "point",
    "station",
    "started_at",
    "ended_at",
)
# The point's code by a lookup per session, not a join: a generic plan, which cannot know how
# few sessions a search finds, would otherwise hash the whole points table.
SELECT = """
SELECT s.person_id, p.full_name, p.date_of_birth, p.id_type, p.id_number_sealed, p.phone_sealed,
       (SELECT r.code FROM registry_point r WHERE r.id = s.point_id), s.station, s.started_at,
       s.ended_at
FROM records_sessionrecord s
JOIN records_person p ON p.id = s.person_id
WHERE {which}
  AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
ORDER BY s.started_at
"""
WHICH = {
    "id_index": "s.person_id IN (SELECT id FROM records_person WHERE id_index = %s)",
    "phone_index": "s.person_id IN (SELECT id FROM records_person WHERE phone_index = %s)",
    "name": "s.person_id IN (SELECT id FROM records_person WHERE upper(full_name) = upper(%s))",
    "station": "s.point_id = %s AND s.station = %s",
    "points": "s.point_id = ANY(%s)",
}


def use_generic_plans(sender, connection, **kwargs) -> None:
    """On every new PostgreSQL connection (connected to `connection_created`). Django turns
    psycopg's prepared statements off; they come back on for statements that ask
    (netpoint.core.plainsql), never automatically."""
    if connection.vendor == "postgresql":
        connection.connection.prepare_threshold = 2**31
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def sessions(which: str, args: tuple, time_from: datetime, time_to: datetime, longest) -> list:
    """Sessions running at some moment of [time_from, time_to] (none lasts longer than
    `longest`, which bounds the partitions read), as dicts of COLUMNS, oldest first."""
    # Rows in binary: Django's loader of text timestamps is Python, psycopg's binary one C, and
    # a person's search reads a hundred of them.
    with prepared_cursor(binary=True) as cursor:
        bounds = (time_from - longest, time_to, time_from)
        cursor.execute(SELECT.format(which=WHICH[which]), (*args, *bounds))
        return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
