import base64
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from netpoint.common.sealing.crypto import KeyRing, key_id, seal, unseal
from netpoint.common.sealing.indexes import ID_COLUMN, PHONE_COLUMN, id_index, key_ring, phone_index
from netpoint.provider.records.checks import sealing_keys
from netpoint.provider.records.models import Person

pytestmark = pytest.mark.django_db
K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()
INDEX = base64.b64encode(b"i" * 32).decode()
INDEX2 = base64.b64encode(b"j" * 32).decode()
NUMBER, PHONE = "001201000001", "+84912000001"


def person_sealed_with(ring: KeyRing) -> Person:
    at = datetime(2026, 11, 1, tzinfo=UTC)
    return Person.objects.create(
        id_index=id_index("cccd", NUMBER, ring),
        id_type="cccd",
        id_number_sealed=seal(NUMBER, ID_COLUMN, ring),
        phone_index=phone_index(PHONE, ring),
        phone_sealed=seal(PHONE, PHONE_COLUMN, ring),
        full_name="Người Thử",
        date_of_birth="2001-01-01",
        first_seen_at=at,
        last_seen_at=at,
    )


def test_reseal_moves_every_value_to_the_active_key(settings, capsys):
    settings.NETPOINT_SEALING_KEYS = f"active=k1;k1={K1};index={INDEX}"
    person_sealed_with(key_ring())
    settings.NETPOINT_SEALING_KEYS = f"active=k2;k1={K1};k2={K2};index={INDEX}"
    call_command("reseal")
    assert "records_person: 1 rows sealed again with key k2" in capsys.readouterr().out
    person = Person.objects.get()
    assert key_id(person.id_number_sealed) == key_id(person.phone_sealed) == "k2"
    settings.NETPOINT_SEALING_KEYS = f"active=k2;k2={K2};index={INDEX}"  # k1 retired
    assert unseal(person.id_number_sealed, ID_COLUMN, key_ring()) == NUMBER
    call_command("reseal")
    assert "records_person: 0 rows sealed again with key k2" in capsys.readouterr().out


def test_reindex_recomputes_the_blind_indexes_with_a_new_index_key(settings):
    settings.NETPOINT_SEALING_KEYS = f"active=k1;k1={K1};index={INDEX}"
    person_sealed_with(key_ring())
    settings.NETPOINT_SEALING_KEYS = f"active=k1;k1={K1};index={INDEX2}"
    call_command("reseal", "--reindex")
    person = Person.objects.get()
    assert person.id_index == id_index("cccd", NUMBER, key_ring())
    assert person.phone_index == phone_index(PHONE, key_ring())


@pytest.mark.parametrize("keys", ["", "active=k9;k1=" + K1 + ";index=" + INDEX, "k1=short"])
def test_the_provider_does_not_start_without_good_keys(settings, keys):
    settings.NETPOINT_SEALING_KEYS = keys
    errors = sealing_keys(None)
    assert [e.id for e in errors] == ["netpoint.E001"]
    assert K1 not in errors[0].msg


def test_good_keys_pass_the_check(settings):
    settings.NETPOINT_SEALING_KEYS = f"active=k1;k1={K1};index={INDEX}"
    assert sealing_keys(None) == []
