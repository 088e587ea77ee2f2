"""The key ring from settings, and the blind indexes of ID and phone numbers that every app
which finds people by them shares (the central records, Wi-Fi users, game accounts, anti-spam
recipients, authority searches): one number gives one index wherever it is kept.

The column names are the associated data of the sealed values and the indexes' domain; they
name the central records' columns, where these were first kept, and cannot change without
re-indexing every row (`netpoint reseal`).
"""

import functools

from django.conf import settings

from netpoint.common.identity.phones import canonical_phone
from netpoint.common.sealing.crypto import KeyRing, blind_index

ID_COLUMN = "records_person.id_number"
PHONE_COLUMN = "records_person.phone"


@functools.cache
def _ring(text: str) -> KeyRing:
    return KeyRing.parse(text)


def key_ring() -> KeyRing:
    return _ring(settings.NETPOINT_SEALING_KEYS)


def id_index(id_type: str, id_number: str, ring: KeyRing) -> str:
    return blind_index(f"{id_type}:{''.join(id_number.split()).upper()}", ID_COLUMN, ring)


def phone_index(phone: str, ring: KeyRing) -> str:
    """One index however the number is written: over the digits of its E.164 form, which is
    what the index was always computed from for the numbers the points send (stored in E.164
    since they were first kept), so the indexes already stored stay valid."""
    digits = "".join(ch for ch in canonical_phone(phone) if ch.isdigit())
    return blind_index(digits, PHONE_COLUMN, ring) if digits else ""
