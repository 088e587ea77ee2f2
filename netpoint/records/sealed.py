"""Key rotation for the sealed columns: every value moves to the active key, a slice at a time,
so the command can be stopped and started again and the old key retired once it is done."""

from django.db import transaction

from netpoint.records.models import Person
from netpoint.records.people import ID_COLUMN, PHONE_COLUMN, id_index, key_ring, phone_index
from netpoint.sealing.crypto import key_id, reseal, unseal

SLICE = 1000


def reseal_people(reindex: bool = False) -> int:
    ring = key_ring()
    changed, after = 0, 0
    while True:
        with transaction.atomic():
            people = list(
                Person.objects.select_for_update().filter(pk__gt=after).order_by("pk")[:SLICE]
            )
            if not people:
                return changed
            for person in people:
                if _reseal(person, ring, reindex):
                    person.save(
                        update_fields=[
                            "id_number_sealed",
                            "phone_sealed",
                            "id_index",
                            "phone_index",
                        ]
                    )
                    changed += 1
            after = people[-1].pk


def _reseal(person: Person, ring, reindex: bool) -> bool:
    stale = key_id(person.id_number_sealed) != ring.active or (
        person.phone_sealed and key_id(person.phone_sealed) != ring.active
    )
    if not (stale or reindex):
        return False
    person.id_number_sealed = reseal(person.id_number_sealed, ID_COLUMN, ring)
    if person.phone_sealed:
        person.phone_sealed = reseal(person.phone_sealed, PHONE_COLUMN, ring)
    if reindex:
        number = unseal(person.id_number_sealed, ID_COLUMN, ring)
        person.id_index = id_index(person.id_type, number, ring)
        phone = unseal(person.phone_sealed, PHONE_COLUMN, ring) if person.phone_sealed else ""
        person.phone_index = phone_index(phone, ring)
    return True
