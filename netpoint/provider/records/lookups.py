"""The provider core's lookups for an authority search: the people of the central records and
their sessions, found by person (CCCD, phone, name) or at points (a point's station; the points
that use a public IP as their own), each in one statement with the written request's scope, so
that nothing is read that the request does not cover (netpoint.provider.records.attribution).

The search under a written request calls these itself, inside its scope check
(netpoint.provider.authority.search); the modules' finders are asked only once the check has
passed, through the door that netpoint.provider.authority.finding describes. Its hits are of
the same types."""

import json
from datetime import date, datetime
from itertools import pairwise
from typing import NamedTuple

from netpoint.common.core.plainsql import prepared_cursor
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import ID_COLUMN, PHONE_COLUMN, key_ring
from netpoint.provider.authority.finding import Move, Person, Query, Session, Version
from netpoint.provider.records import attribution
from netpoint.provider.records.models import Person as PersonRecord

# A person's search: the attribution query (attribution.WHICH) and the people's lookup by kind.
PERSON_WHICH = {"id_number": "id_index", "phone": "phone_index", "name": "name"}
# By any point's version for the phone and name, as the sessions' query (attribution.WHICH).
PERSON_LOOKUP = {
    "id_number": "id_index",
    "phone": "registrations__phone_index",
    "name": "registrations__full_name__iexact",
}


class PersonRow(NamedTuple):
    """A person of the records as a search reads them (SessionRow has the same fields)."""

    full_name: str
    date_of_birth: date
    id_type: str
    id_number_sealed: str
    phone_sealed: str


# The points a station or IP search names, each with whether the request covers it (`covered`,
# an SQL expression of the point r, its arguments first: authority.scope.POINT_COVERED) and its
# code: in the searches' own statement (attribution.sessions_at_points) or alone.
POINTS_SQL = """
SELECT r.id AS point_id, {covered} AS covered, r.code AS point_code
FROM registry_point r WHERE {where}
"""
POINTS_WHERE = {"station": "r.code = %s", "ip": "r.public_ips @> %s::jsonb"}


def points_sql(query: Query, covered: str) -> tuple[str, tuple]:
    """The POINTS_SQL statement of a station or IP search, and its own argument."""
    if query.kind == "station":
        where, value = POINTS_WHERE["station"], query.point_code
    else:
        where, value = POINTS_WHERE["ip"], json.dumps([query.address])
    return POINTS_SQL.format(covered=covered, where=where), (value,)


def _people(rows: list[attribution.SessionRow]) -> list[Person]:
    """The people of these sessions, each with their sessions and versions, in the order first
    seen."""
    ring = key_ring()
    people: dict[int, Person] = {}
    for row in rows:
        person = people.get(row.person_id)
        if person is None:
            person = people[row.person_id] = _person(row, ring)
        person.sessions.append(_session(row))
    return _with_versions(people, ring)


def _session(row: attribution.SessionRow) -> Session:
    """A session found; a moved one named by the station it began at, with its moves."""
    if not row.stations:
        return Session(row.point, row.station, row.started_at, row.ended_at)
    moves = tuple(
        Move(before, station, datetime.fromisoformat(at))
        for (before, _since), (station, at) in pairwise(row.stations)
    )
    return Session(row.point, row.stations[0][0], row.started_at, row.ended_at, moves=moves)


# Every point's version of the people found, with the point's code and name: plain SQL,
# prepared (the ORM would compile it anew for every search, costing more than its answer).
VERSIONS_SQL = """
SELECT v.person_id, r.code, r.name, v.full_name, v.date_of_birth, v.phone_sealed, v.said_at,
       v.received_at
FROM records_pointperson v JOIN registry_point r ON r.id = v.point_id
WHERE v.person_id = ANY(%s) AND v.said_at IS NOT NULL
ORDER BY v.said_at, r.code
"""


def _with_versions(people: dict[int, Person], ring) -> list[Person]:
    """`people` (by the records' id), each with every point's version of them: one query."""
    if not people:
        return []
    with prepared_cursor(binary=True, replicated=True) as cursor:
        cursor.execute(VERSIONS_SQL, [list(people)])
        versions = cursor.fetchall()
    for person_id, code, name, full_name, born, phone, said_at, received_at in versions:
        phone = unseal(phone, PHONE_COLUMN, ring) if phone else ""
        people[person_id].versions.append(
            Version(code, name, full_name, born, phone, said_at, received_at)
        )
    return list(people.values())


def _person(row: PersonRow | attribution.SessionRow, ring) -> Person:
    """A person of the records, their numbers unsealed. A session whose person's row is gone
    (the sessions' person_id has no constraint on the partitioned table; a person removed by
    retention as a late session of theirs came in) is shown with its person unknown."""
    if row.id_number_sealed is None:
        return Person(full_name="", date_of_birth=None, id_type="", id_number="", phone="")
    return Person(
        full_name=row.full_name,
        date_of_birth=row.date_of_birth,
        id_type=row.id_type,
        id_number=unseal(row.id_number_sealed, ID_COLUMN, ring),
        phone=unseal(row.phone_sealed, PHONE_COLUMN, ring) if row.phone_sealed else "",
    )


def of_person(
    query: Query, covered: str, covered_args: tuple, name_at_request: int | None = None
) -> tuple[bool, list[Person]]:
    """Whether the request names the person searched (`covered`, a statement of one boolean:
    authority.scope.PERSON_COVERED) and, only if it does, the people of that ID, phone or name
    with their sessions: one statement. Someone named and known but with no session in the
    range is found all the same, with none (one query more). `name_at_request`: a name is
    searched only at the points of that written request (its sessions elsewhere are not read,
    and no one is named for want of a session there)."""
    value = query.name if query.kind == "name" else query.index
    which, args = PERSON_WHICH[query.kind], (value,)
    if query.kind == "name" and name_at_request is not None:
        which, args = "name_at_points", (value, name_at_request)
    yes, rows = attribution.sessions_if_covered(
        covered, covered_args, which, args, query.start, query.end, query.longest
    )
    if not yes or rows or which == "name_at_points":
        return yes, _people(rows)
    known = PersonRecord.objects.filter(**{PERSON_LOOKUP[query.kind]: value}).distinct()
    ring = key_ring()
    rows = known.values_list("id", *PersonRow._fields)
    people = {pk: _person(PersonRow(*fields), ring) for pk, *fields in rows}
    return yes, _with_versions(people, ring)


def at_points(query: Query, covered: str, covered_args: tuple) -> tuple[dict, list[Person]]:
    """The points a station or IP search names, each with whether the request covers it
    (`covered`: authority.scope.POINT_COVERED), and, only if it covers all, the people at them
    with their sessions, each session named by its own point's code: one statement."""
    sql, args = points_sql(query, covered)
    which, station = ("station", (query.station,)) if query.kind == "station" else ("points", ())
    points, rows = attribution.sessions_at_points(
        sql, (*covered_args, *args), which, station, query.start, query.end, query.longest
    )
    return points, _people(rows)


def points_named(query: Query, covered: str, covered_args: tuple) -> dict[int, bool]:
    """The points a station or IP search names, each with whether the request covers it,
    without their sessions (for the search of their access records)."""
    sql, args = points_sql(query, covered)
    with prepared_cursor(replicated=True) as cursor:
        cursor.execute(sql, [*covered_args, *args])
        return {point: yes for point, yes, _code in cursor.fetchall()}
