"""`netpoint reseal` over the provider core's sealed columns (each module tests its own in its
tests/test_rotation.py): rows sealed under an old key move to the new one and still open once
the old key is gone; blind-index lookups work after --reindex with a new index key; --check
says what is left; an interrupted run resumes."""

from datetime import timedelta

import pyotp
import pytest
from django.core.management import CommandError, call_command

from netpoint.common.sealing import crypto
from netpoint.common.sealing.crypto import key_id, seal, unseal
from netpoint.common.sealing.indexes import (
    ID_COLUMN,
    PHONE_COLUMN,
    id_index,
    key_ring,
    phone_index,
)
from netpoint.common.sealing.registry import declared
from netpoint.provider.accounts import services as accounts
from netpoint.provider.accounts.services import SECRET_COLUMN as TOTP_COLUMN
from netpoint.provider.authority import services as authority
from netpoint.provider.authority.models import Organisation
from netpoint.provider.records import rotation
from netpoint.provider.records.models import Person, PointPerson
from netpoint.provider.records.tests.rotating import (
    INDEX2,
    core_columns,
    tokens,
    use_keys,
)
from netpoint.provider.records.tests.test_sealing_keys import NUMBER, PHONE, person_sealed_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_k1(settings, clock, django_user_model, provider_point):
    """A value in every sealed column of the core's apps, sealed under k1 (and indexed with
    INDEX)."""
    use_keys(settings, "k1", "k1")
    person = person_sealed_with(key_ring())
    # A point's version of them, as ingest keeps it.
    PointPerson.objects.create(
        point=provider_point("HN-0001"),
        local_id=1,
        person=person,
        registered_at=person.first_seen_at,
        id_type="cccd",
        id_number_sealed=seal(NUMBER, ID_COLUMN, key_ring()),
        phone_index=person.phone_index,
        phone_sealed=seal(PHONE, PHONE_COLUMN, key_ring()),
        full_name=person.full_name,
        said_at=person.first_seen_at,
    )
    # Staff accounts with a second factor.
    totps = []
    for username in ("nhanvien", "nhanvien2"):
        staff = django_user_model.objects.create_user(username, password="mat-khau-dai-9")
        totp_secret = pyotp.random_base32()
        assert accounts.enable(staff, totp_secret, pyotp.TOTP(totp_secret).at(clock.now()))
        totps.append((staff, pyotp.TOTP(totp_secret)))
    staff, totp = totps[0]
    # Authority: a written request naming a person by ID number.
    police = Organisation.objects.create(name="Công an Thử", kind="police", province_code=1)
    authority.register(
        police,
        staff,
        {
            "document_number": "1/CA-PA05",
            "document_date": clock.now().date(),
            "issuing_body": "Công an Thử",
            "signer": "Người Ký Thử",
            "subject": "Đề nghị cung cấp thông tin",
            "legal_basis": "Nghị định 147/2024/NĐ-CP",
            "id_numbers": [("cccd", NUMBER)],
            "time_from": clock.now() - timedelta(days=30),
            "time_to": clock.now(),
            "valid_until": clock.now() + timedelta(days=7),
        },
    )
    return {"staff": staff, "totp": totp}


def test_check_counts_each_column_under_an_old_key_until_resealed(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    with pytest.raises(CommandError, match="not under the active key k2"):
        call_command("reseal", "--check")
    out = capsys.readouterr().out
    # Every column of the core has a value in the fixture, and --check counts each of them.
    for column in core_columns():
        assert f"{column.label}: {len(tokens(column))} values under key k1" in out
    call_command("reseal")
    capsys.readouterr()
    call_command("reseal", "--check")
    assert "every sealed value is under the active key k2" in capsys.readouterr().out


def test_every_value_opens_after_reseal_once_the_old_key_is_gone(settings, clock, under_k1):
    use_keys(settings, "k2", "k1", "k2")
    call_command("reseal")
    use_keys(settings, "k2", "k2")  # k1 retired
    ring = key_ring()
    for column in core_columns():
        for token in tokens(column):
            assert key_id(token) == "k2", column.label
            unseal(token, column.column, ring)
    # Each app reads its own values as before.
    clock.advance(timedelta(seconds=30))
    assert accounts.verify(under_k1["staff"], under_k1["totp"].at(clock.now()))
    assert unseal(Person.objects.get().id_number_sealed, ID_COLUMN, ring) == NUMBER
    assert TOTP_COLUMN in {c.column for c in declared()[0]}


def test_a_second_run_changes_nothing(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    call_command("reseal")
    first = capsys.readouterr().out
    assert "records_person: 1 rows sealed again with key k2" in first
    assert "accounts_totpdevice: 2 rows sealed again with key k2" in first
    call_command("reseal")
    second = capsys.readouterr().out.splitlines()
    # One line for each model with sealed columns, of every installed app.
    assert len(second) == len({column.model for column in declared()[0]})
    assert all(line.endswith(": 0 rows sealed again with key k2") for line in second)


def test_lookups_work_after_reindex_with_a_new_index_key(settings, under_k1, capsys):
    use_keys(settings, "k1", "k1", index=INDEX2)
    ring = key_ring()
    # Before --reindex the new index key finds nobody: the case the command is for.
    assert not Person.objects.filter(id_index=id_index("cccd", NUMBER, ring)).exists()
    call_command("reseal", "--reindex")
    out = capsys.readouterr().out
    # Central records: the person is found by ID and phone number.
    assert Person.objects.filter(id_index=id_index("cccd", NUMBER, ring)).exists()
    assert Person.objects.filter(phone_index=phone_index(PHONE, ring)).exists()
    # And by the phone its point stated.
    assert PointPerson.objects.filter(phone_index=phone_index(PHONE, ring)).exists()
    assert "records_person: 1 rows sealed again with key k1 or re-indexed" in out
    assert "accounts_totpdevice: 0 rows" in out  # no blind index, nothing under another key
    # What no sealed value can recompute is said, not skipped.
    assert "authority_writtenrequest.id_indexes: 1 rows not recomputed" in out
    assert "phone_indexes" not in out  # no request names anybody by phone


def test_an_interrupted_reseal_resumes(settings, under_k1, monkeypatch):
    use_keys(settings, "k2", "k1", "k2")
    before = sum(n for _column, _kid, n in rotation.stale_counts())
    monkeypatch.setattr(rotation, "SLICE", 1)
    calls = []

    def failing(token, column, ring):
        calls.append(column)
        if len(calls) == 4:
            raise KeyboardInterrupt  # the operator stops it
        return crypto.reseal(token, column, ring)

    monkeypatch.setattr(rotation, "reseal", failing)
    with pytest.raises(KeyboardInterrupt):
        call_command("reseal")
    left = sum(n for _column, _kid, n in rotation.stale_counts())
    assert 0 < left < before  # the slices done are kept, the one interrupted is not
    monkeypatch.setattr(rotation, "reseal", crypto.reseal)
    call_command("reseal")
    assert rotation.stale_counts() == []


def test_a_value_under_a_retired_key_stops_the_command_and_names_its_row(settings, capsys):
    use_keys(settings, "k1", "k1")
    person = person_sealed_with(key_ring())
    use_keys(settings, "k2", "k2")  # k1 retired before the reseal
    with pytest.raises(CommandError) as stopped:
        call_command("reseal")
    message = str(stopped.value)
    assert f"records_person.id_number_sealed, row {person.pk}: key k1 is not known" in message
    assert NUMBER not in message and PHONE not in message
    with pytest.raises(CommandError, match="2 values are not under"):
        call_command("reseal", "--check")
    assert "1 values under key k1, which is not in NETPOINT_SEALING_KEYS" in capsys.readouterr().out
