"""People and stations in the central records.

A person is one row however many points they visit: points name them by their own customer
id, and the provider merges those by a keyed hash (blind index) of the ID document number. ID
and phone numbers are sealed before they reach the database.

Each point's version of a person is its own (records.models.PointPerson): the rule, kept here
beside the SQL that applies it, is that

- a point's statement replaces that point's version only if it is no older (`said_at`, the
  event's time) than the one held: a late or replayed statement changes nothing;
- no point's statement changes another point's version, whatever ID number it names;
- the person's row shows the newest statement of any point (`stated_at`): a summary, while
  the searches find them by every point's stated phone and name (records.attribution).
"""

from datetime import datetime

from django.db import connection

from netpoint.common.core import clock
from netpoint.common.sealing.crypto import seal
from netpoint.common.sealing.indexes import ID_COLUMN, PHONE_COLUMN, id_index, key_ring, phone_index
from netpoint.provider.records.copytext import NULL, copy_lines, text
from netpoint.provider.registry.models import Point

# Each batch's people go through a staging table, emptied at commit: one COPY in, then two
# set-based statements, instead of a statement per person.
STAGING = """
CREATE TEMP TABLE IF NOT EXISTS person_arrivals (
    local_id bigint, id_index text, id_type text, id_number_sealed text, phone_index text,
    phone_sealed text, full_name text, date_of_birth date, gender text, address text,
    seen_at timestamptz, guardian_local bigint, guardian_relation text
) ON COMMIT DELETE ROWS
"""


def arrival_lines(registrations: list[tuple[dict, datetime]]) -> tuple[list[str], bool]:
    """The staging rows for the people a batch registered or updated, sealed (the last word on
    each wins), and whether any has a guardian. Needs no database."""
    ring = key_ring()
    latest: dict[int, str] = {}
    guardians = False
    for data, at in registrations:
        guardians = guardians or data["guardian"] is not None
        phone = data["phone"]
        values = (
            str(data["person"]),
            id_index(data["id_type"], data["id_number"], ring),
            text(data["id_type"]),
            seal(data["id_number"], ID_COLUMN, ring),
            phone_index(phone, ring),
            seal(phone, PHONE_COLUMN, ring) if phone else "",
            text(data["full_name"]),
            data["date_of_birth"],
            text(data["gender"]),
            text(data["address"]),
            at.isoformat(),
            NULL if data["guardian"] is None else str(data["guardian"]),
            text(data["guardian_relation"]),
        )
        latest[data["person"]] = "\t".join(values) + "\n"
    return list(latest.values()), guardians


# The person's row takes a statement's fields only if it is the newest of all points'. Its
# last_seen_at needs no update otherwise: it is never older than the statement the row shows.
PEOPLE = """
INSERT INTO records_person (id_index, id_type, id_number_sealed, phone_index, phone_sealed,
    full_name, date_of_birth, gender, address, first_seen_at, last_seen_at, stated_at)
SELECT DISTINCT ON (id_index) id_index, id_type, id_number_sealed, phone_index, phone_sealed,
    full_name, date_of_birth, gender, address, seen_at, seen_at, seen_at
FROM person_arrivals ORDER BY id_index, seen_at DESC
ON CONFLICT (id_index) DO UPDATE SET id_number_sealed = EXCLUDED.id_number_sealed,
    phone_index = EXCLUDED.phone_index, phone_sealed = EXCLUDED.phone_sealed,
    full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
    gender = EXCLUDED.gender, address = EXCLUDED.address, stated_at = EXCLUDED.stated_at,
    last_seen_at = GREATEST(records_person.last_seen_at, EXCLUDED.last_seen_at)
WHERE records_person.stated_at IS NULL OR records_person.stated_at <= EXCLUDED.stated_at
"""
# The point's own versions, each replaced only by a statement of the same point that is no
# older; the conflict key (point, local id) is what keeps one point from reaching another's.
VERSIONS = """
INSERT INTO records_pointperson (point_id, local_id, person_id, guardian_id, guardian_relation,
    registered_at, id_type, id_number_sealed, phone_index, phone_sealed, full_name,
    date_of_birth, gender, address, said_at, received_at)
SELECT %s, a.local_id, p.id, NULL, a.guardian_relation, a.seen_at, a.id_type,
    a.id_number_sealed, a.phone_index, a.phone_sealed, a.full_name, a.date_of_birth, a.gender,
    a.address, a.seen_at, %s
FROM person_arrivals a JOIN records_person p ON p.id_index = a.id_index
ON CONFLICT (point_id, local_id) DO UPDATE SET person_id = EXCLUDED.person_id,
    guardian_id = NULL, guardian_relation = EXCLUDED.guardian_relation,
    id_type = EXCLUDED.id_type, id_number_sealed = EXCLUDED.id_number_sealed,
    phone_index = EXCLUDED.phone_index, phone_sealed = EXCLUDED.phone_sealed,
    full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
    gender = EXCLUDED.gender, address = EXCLUDED.address, said_at = EXCLUDED.said_at,
    received_at = EXCLUDED.received_at
WHERE records_pointperson.said_at IS NULL OR records_pointperson.said_at <= EXCLUDED.said_at
"""
# Guardians last: one may have registered earlier in this very batch. Only for the statements
# just taken (said_at is theirs): an older one's guardian is as stale as the rest of it.
GUARDIANS = """
UPDATE records_pointperson child SET guardian_id = guardian.person_id
FROM person_arrivals a
JOIN records_pointperson guardian
    ON guardian.point_id = %s AND guardian.local_id = a.guardian_local
WHERE child.point_id = %s AND child.local_id = a.local_id AND child.said_at = a.seen_at
"""


def remember(point: Point, lines: list[str], guardians: bool) -> None:
    """Store the people of `arrival_lines`: one person per ID number across points, and the
    point's version of each (the rule: this module's docstring)."""
    with connection.cursor() as cursor:
        cursor.execute(STAGING)
        cursor.execute("DELETE FROM person_arrivals")  # inside a longer transaction, too
        copy_lines(cursor, "person_arrivals", lines)
        # Temporary tables get no statistics by themselves; without them the joins below may
        # scan every person instead of looking up this batch's.
        cursor.execute("ANALYZE person_arrivals")
        cursor.execute(PEOPLE)
        cursor.execute(VERSIONS, [point.pk, clock.now()])
        if guardians:
            cursor.execute(GUARDIANS, [point.pk, point.pk])


def person_ids(point: Point, local_ids: set[int]) -> dict[int, int]:
    """The provider's person for each of the point's customer ids."""
    with connection.cursor() as cursor:
        # A join on the unnested ids walks the (point, local id) index once per id; "= ANY"
        # on a large array may be planned as a scan that compares every row with every id.
        cursor.execute(
            "SELECT p.local_id, p.person_id FROM unnest(%s::bigint[]) AS wanted(local_id)"
            " JOIN records_pointperson p ON p.point_id = %s AND p.local_id = wanted.local_id",
            [list(local_ids), point.pk],
        )
        found = dict(cursor.fetchall())
    return found


def stations(point: Point, registrations: list[tuple[dict, datetime]]) -> None:
    latest = {data["name"]: (data["mac"] or "", at) for data, at in registrations}
    with connection.cursor() as cursor:
        cursor.executemany(
            """
            INSERT INTO records_stationrecord (point_id, name, mac, registered_at)
            VALUES (%s, %s, %s, %s)
            ON CONFLICT (point_id, name) DO UPDATE SET mac = EXCLUDED.mac
            """,
            [(point.pk, name, mac, at) for name, (mac, at) in latest.items()],
        )
