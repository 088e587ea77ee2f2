"""People and stations in the central records.

A person is one row however many points they visit: points name them by their own customer
id, and the provider merges those by a keyed hash (blind index) of the ID document number. ID
and phone numbers are sealed before they reach the database.
"""

import functools
from datetime import datetime

from django.conf import settings
from django.db import connection

from netpoint.registry.models import Point
from netpoint.sealing.crypto import KeyRing, blind_index, seal

ID_COLUMN = "records_person.id_number"
PHONE_COLUMN = "records_person.phone"


class UnknownReference(ValueError):
    pass


@functools.cache
def _ring(text: str) -> KeyRing:
    return KeyRing.parse(text)


def key_ring() -> KeyRing:
    return _ring(settings.NETPOINT_SEALING_KEYS)


def id_index(id_type: str, id_number: str, ring: KeyRing) -> str:
    return blind_index(f"{id_type}:{''.join(id_number.split()).upper()}", ID_COLUMN, ring)


def phone_index(phone: str, ring: KeyRing) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return blind_index(digits, PHONE_COLUMN, ring) if digits else ""


def remember(point: Point, registrations: list[tuple[dict, datetime]]) -> None:
    """Store the people a batch registered or updated (the last word on each wins)."""
    ring = key_ring()
    latest: dict[str, tuple] = {}
    local_index: dict[int, tuple] = {}
    for data, at in registrations:
        index = id_index(data["id_type"], data["id_number"], ring)
        phone = data["phone"]
        latest[index] = (
            index,
            data["id_type"],
            seal(data["id_number"], ID_COLUMN, ring),
            phone_index(phone, ring),
            seal(phone, PHONE_COLUMN, ring) if phone else "",
            data["full_name"],
            data["date_of_birth"],
            data["gender"],
            data["address"],
            at,
        )
        local_index[data["person"]] = (index, data["guardian"], data["guardian_relation"], at)
    columns = list(zip(*latest.values(), strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO records_person (id_index, id_type, id_number_sealed, phone_index,
                phone_sealed, full_name, date_of_birth, gender, address, first_seen_at,
                last_seen_at)
            SELECT i, t, n, pi, p, f, d, g, a, s, s FROM unnest(%s::text[], %s::text[],
                %s::text[], %s::text[], %s::text[], %s::text[], %s::date[], %s::text[],
                %s::text[], %s::timestamptz[]) AS u(i, t, n, pi, p, f, d, g, a, s)
            ON CONFLICT (id_index) DO UPDATE SET id_number_sealed = EXCLUDED.id_number_sealed,
                phone_index = EXCLUDED.phone_index, phone_sealed = EXCLUDED.phone_sealed,
                full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
                gender = EXCLUDED.gender, address = EXCLUDED.address,
                last_seen_at = GREATEST(records_person.last_seen_at, EXCLUDED.last_seen_at)
            RETURNING id, id_index
            """,
            [list(c) for c in columns],
        )
        person_by_index = {index: pk for pk, index in cursor.fetchall()}
        here = {local: person_by_index[v[0]] for local, v in local_index.items()}
        guardians = {v[1] for v in local_index.values() if v[1] is not None} - here.keys()
        here.update(person_ids(point, guardians, required=False))
        rows = [
            (local, here[local], here.get(guardian), relation, at)
            for local, (_index, guardian, relation, at) in local_index.items()
        ]
        cursor.execute(
            """
            INSERT INTO records_pointperson (point_id, local_id, person_id, guardian_id,
                guardian_relation, registered_at)
            SELECT %s, l, p, g, r, a FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[],
                %s::text[], %s::timestamptz[]) AS u(l, p, g, r, a)
            ON CONFLICT (point_id, local_id) DO UPDATE SET person_id = EXCLUDED.person_id,
                guardian_id = EXCLUDED.guardian_id,
                guardian_relation = EXCLUDED.guardian_relation
            """,
            [point.pk, *[list(c) for c in zip(*rows, strict=True)]],
        )


def person_ids(point: Point, local_ids: set[int], required: bool = True) -> dict[int, int]:
    """The provider's person for each of the point's customer ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT local_id, person_id FROM records_pointperson"
            " WHERE point_id = %s AND local_id = ANY(%s)",
            [point.pk, list(local_ids)],
        )
        found = dict(cursor.fetchall())
    if required and len(found) != len(local_ids):
        raise UnknownReference("a session names a person the point has not sent")
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
