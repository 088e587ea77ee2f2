"""The attribution queries: sessions with their person and point, found by person, by station
or by the points behind a public address, over a time range.

Each runs as one prepared statement with a generic plan. Over a month's partitions the planner's
work costs more than the query itself; a generic plan is made once per connection and prunes the
partitions when it runs (docs/PERFORMANCE.md, attribution). Only these and the plain lookups of
netpoint.common.core.plainsql (by primary or unique keys, for which the generic plan is the plan)
are prepared; Django's own queries never are, so the connection setting below changes none of
them."""

from datetime import date, datetime, timedelta
from typing import NamedTuple

from netpoint.common.core.plainsql import prepared_cursor


class SessionRow(NamedTuple):
    """A session found, with its person (ID and phone numbers still sealed) and its point's
    code: a row of FOUND."""

    person_id: int
    full_name: str
    date_of_birth: date
    id_type: str
    id_number_sealed: str
    phone_sealed: str
    point: str
    station: str
    started_at: datetime
    ended_at: datetime | None
    # A moved session's stations, [[station, since], …] (ISO times); None: never moved.
    stations: list | None


# The point's code by a lookup per session, not a join: a generic plan, which cannot know how
# few sessions a search finds, would otherwise hash the whole points table. At points, the code
# comes with the points searched.
FOUND = """s.person_id, p.full_name, p.date_of_birth, p.id_type, p.id_number_sealed, p.phone_sealed,
       {code}, s.station, s.started_at, s.ended_at, s.stations"""
CODE_BY_SESSION = "(SELECT r.code FROM registry_point r WHERE r.id = s.point_id)"
# A session never moved (nearly all) is read from a covering index alone, its stations null said
# as a constant: no table page is read for it. A moved one, from the table, through an index of
# the moved alone (records migration 0013). Read inside IF_COVERED only, whose `asked.covered`
# gates each part.
RUNNING = """
SELECT {found}
FROM (
 SELECT point_id, person_id, station, started_at, ended_at, NULL::jsonb AS stations
 FROM records_sessionrecord s
 WHERE NOT s.moved AND ({which}) AND asked.covered
   AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
 UNION ALL
 SELECT point_id, person_id, station, started_at, ended_at, stations
 FROM records_sessionrecord s
 WHERE s.moved AND ({which}) AND asked.covered
   AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
) s
JOIN records_person p ON p.id = s.person_id
"""
# A person's search and whether the written request covers that person, in one statement:
# `covered` is a query of one boolean; nothing is read unless it is true (the lateral
# reference is a one-time filter on the sessions' scan).
IF_COVERED = """
WITH asked AS MATERIALIZED ({covered})
SELECT asked.covered, found.*
FROM asked
LEFT JOIN LATERAL ({running}) found ON true
ORDER BY found.started_at
"""
# At points (the station and IP searches), a moment's sessions never moved are looked for among
# those started in the LONG_SESSION before it, and further back (up to `longest`) only among the
# longer ones, which a partial index of their own holds (records migrations 0006 and 0013): a few
# dozen index entries read instead of each point's last three days. The index's condition is
# repeated here word for word, as the planner uses a partial index only for a query whose
# conditions imply the index's. The moved sessions, few, are looked for over the whole range.
# Nothing is read unless the request covers every point searched.
LONG_SESSION = timedelta(hours=12)
AT_POINT = """(
 SELECT point_id, person_id, station, started_at, ended_at, NULL::jsonb AS stations
 FROM records_sessionrecord s
 WHERE s.point_id = searched.point_id AND NOT s.moved{unmoved}
   AND NOT EXISTS (SELECT FROM searched WHERE NOT covered)
   AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
 UNION ALL
 SELECT point_id, person_id, station, started_at, ended_at, NULL::jsonb AS stations
 FROM records_sessionrecord s
 WHERE s.point_id = searched.point_id AND NOT s.moved{unmoved}
   AND NOT EXISTS (SELECT FROM searched WHERE NOT covered)
   AND s.started_at >= %s AND s.started_at < %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
   AND (s.ended_at IS NULL OR s.ended_at - s.started_at > interval '12 hours')
 UNION ALL
 SELECT point_id, person_id, station, started_at, ended_at, stations
 FROM records_sessionrecord s
 WHERE s.point_id = searched.point_id AND s.moved{moved}
   AND NOT EXISTS (SELECT FROM searched WHERE NOT covered)
   AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s))
"""
# The points are found, and checked against the written request, by the same statement:
# `points` is a query of (point_id, covered, point_code). A row for each session found, with its
# point and whether the request covers it, and a row with no session for a point that has none.
# Each point's sessions are read for it (LATERAL): such a plan cannot be handed to parallel
# workers, which the generic plan, summing its guesses over every partition, would otherwise
# choose, and whose start costs far more than the search (30 ms, measured). Each session's
# person is looked up alone (OFFSET 0 keeps the subquery from becoming a join): as a join, the
# generic plan merged the few sessions found with the whole people's index, walked from its
# first entry, so the IP search grew with the people kept (docs/PERFORMANCE.md, scale).
AT_POINTS = """
WITH searched AS MATERIALIZED ({points})
SELECT searched.point_id, searched.covered, {found}
FROM searched
LEFT JOIN LATERAL {sessions} s ON true
LEFT JOIN LATERAL (SELECT * FROM records_person p WHERE p.id = s.person_id OFFSET 0) p ON true
ORDER BY s.started_at
"""
# What narrows the points' sessions, per kind of search at points: for the sessions never moved,
# and for the moved ones.
# A station's: a session never moved, at that station (argument: the station); or a moved one
# that was at it at some moment of the searched range, a stretch from its `since` to the next
# one's, the last to the session's end (arguments: the station, the range's end, its start).
AT_STATION_MOVED = """ AND EXISTS (
   SELECT FROM jsonb_array_elements(s.stations) WITH ORDINALITY AS m(was, n)
   WHERE m.was->>0 = %s AND (m.was->>1)::timestamptz <= %s
     AND (s.stations->(m.n::int)->>1 IS NULL OR (s.stations->(m.n::int)->>1)::timestamptz > %s))"""
AT_POINTS_WHICH = {
    "station": {"unmoved": " AND s.station = %s", "moved": AT_STATION_MOVED},
    "points": {"unmoved": "", "moved": ""},
}
WHICH = {
    "id_index": "s.person_id IN (SELECT id FROM records_person WHERE id_index = %s)",
    # By any point's version of the person (records.people): what one point says of them
    # hides nothing that another said.
    "phone_index": (
        "s.person_id IN (SELECT person_id FROM records_pointperson WHERE phone_index = %s)"
    ),
    "name": (
        "s.person_id IN (SELECT person_id FROM records_pointperson"
        " WHERE upper(full_name) = upper(%s))"
    ),
    # A name is no one's alone: searched only at the points a written request names (its id the
    # second argument; authority.scope.NAME_AT_REQUEST_POINTS says why).
    "name_at_points": (
        "s.person_id IN (SELECT person_id FROM records_pointperson"
        " WHERE upper(full_name) = upper(%s)) AND s.point_id IN (SELECT w.point_id"
        " FROM authority_writtenrequest_points w WHERE w.writtenrequest_id = %s)"
    ),
    # A station's, for its access records: sessions at it or moved through it (arguments: the
    # point, the station, the station).
    "station": (
        "s.point_id = %s AND (s.station = %s"
        " OR s.stations @> jsonb_build_array(jsonb_build_array(CAST(%s AS text))))"
    ),
    "points": "s.point_id = ANY(%s)",
}


def use_generic_plans(sender, connection, **kwargs) -> None:
    """On every new PostgreSQL connection (connected to `connection_created`). Django turns
    psycopg's prepared statements off; they come back on for statements that ask
    (netpoint.common.core.plainsql), never automatically."""
    if connection.vendor == "postgresql":
        connection.connection.prepare_threshold = 2**31
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def statement_at_points(
    points: str, points_args: tuple, which: str, args: tuple, time_from, time_to, longest
):
    """The SQL and parameters of `sessions_at_points`."""
    recent = time_from - min(longest, LONG_SESSION)
    unmoved, moved = (), ()
    if which == "station":
        (station,) = args
        unmoved, moved = (station,), (station, time_to, time_from)
    params = (*points_args, *unmoved, recent, time_to, time_from)
    params += (*unmoved, time_from - longest, recent, time_from)
    params += (*moved, time_from - longest, time_to, time_from)
    at_point = AT_POINT.format(**AT_POINTS_WHICH[which])
    found = FOUND.format(code="searched.point_code")
    return AT_POINTS.format(found=found, points=points, sessions=at_point), params


def sessions_at_points(
    points: str, points_args: tuple, which: str, args: tuple, time_from, time_to, longest
) -> tuple[dict[int, bool], list[SessionRow]]:
    """The points `points` finds, each with whether it is covered, and, only if all are, their
    sessions running at some moment of [time_from, time_to] (as `sessions`); `which` "station"
    (`args`: the station) or "points" (no `args`)."""
    found, running = {}, []
    with prepared_cursor(binary=True, replicated=True) as cursor:
        cursor.execute(
            *statement_at_points(points, points_args, which, args, time_from, time_to, longest)
        )
        for point, covered, *session in cursor.fetchall():
            found[point] = covered
            if session[0] is not None:
                running.append(SessionRow(*session))
    return found, running


def statement_if_covered(
    covered: str, covered_args: tuple, which: str, args: tuple, time_from, time_to, longest
):
    """The SQL and parameters of `sessions_if_covered`."""
    running = RUNNING.format(found=FOUND.format(code=CODE_BY_SESSION), which=WHICH[which])
    period = (time_from - longest, time_to, time_from)
    params = (*covered_args, *args, *period, *args, *period)
    return IF_COVERED.format(covered=covered, running=running.rstrip()), params


def sessions_if_covered(
    covered: str, covered_args: tuple, which: str, args: tuple, time_from, time_to, longest
) -> tuple[bool, list[SessionRow]]:
    """Whether `covered` (a query of one boolean) is true, and only if it is, the searched
    person's sessions running at some moment of [time_from, time_to] (none lasts longer than
    `longest`, which bounds the partitions read), oldest first."""
    # Rows in binary: Django's loader of text timestamps is Python, psycopg's binary one C, and
    # a person's search reads a hundred of them.
    with prepared_cursor(binary=True, replicated=True) as cursor:
        cursor.execute(
            *statement_if_covered(covered, covered_args, which, args, time_from, time_to, longest)
        )
        rows = cursor.fetchall()
    running = [SessionRow(*row) for _covered, *row in rows if row[0]]
    return bool(rows and rows[0][0]), running
