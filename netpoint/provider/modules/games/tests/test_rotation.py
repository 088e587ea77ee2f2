"""`netpoint reseal` over online games' sealed columns: accounts, and the copies of them their
history keeps (the core's columns: netpoint/provider/records/tests/test_rotation.py)."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.sealing.crypto import blind_index, key_id, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.games import accounts as game_accounts
from netpoint.provider.modules.games import services as games
from netpoint.provider.modules.games.models import Account, AccountRevision
from netpoint.provider.modules.games.tests.conftest import account_data, guardian_data
from netpoint.provider.records.tests.rotating import INDEX2, columns_of, phone, tokens, use_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def game_data(settings, clock):
    """A minor with a guardian, whose phone changed once (the history keeps the old one), sealed
    under k1 (and indexed with INDEX)."""
    use_keys(settings, "k1", "k1")
    data = account_data(date(2010, 6, 1)) | {"guardian": guardian_data()}
    games.create_account("minor-1", data)
    games.update_account("minor-1", {"phone": phone(2)})
    return data


def test_check_counts_each_column_under_an_old_key_until_resealed(settings, game_data, capsys):
    use_keys(settings, "k2", "k1", "k2")
    with pytest.raises(CommandError, match="not under the active key k2"):
        call_command("reseal", "--check")
    out = capsys.readouterr().out
    for column in columns_of("games"):
        assert f"{column.label}: {len(tokens(column))} values under key k1" in out
    call_command("reseal")
    capsys.readouterr()
    call_command("reseal", "--check")
    assert "every sealed value is under the active key k2" in capsys.readouterr().out


def test_every_value_opens_after_reseal_once_the_old_key_is_gone(settings, game_data, capsys):
    use_keys(settings, "k2", "k1", "k2")
    call_command("reseal")
    assert "games_accountrevision: 1 rows sealed again" in capsys.readouterr().out
    use_keys(settings, "k2", "k2")  # k1 retired
    ring = key_ring()
    for column in columns_of("games"):
        for token in tokens(column):
            assert key_id(token) == "k2", column.label
            unseal(token, column.column, ring)
    account = Account.objects.get()
    phone_column = game_accounts.PHONE_COLUMN
    assert unseal(account.phone_sealed, phone_column, ring) == normalize_mobile(phone(2))
    before = AccountRevision.objects.get().before
    assert unseal(before["phone_sealed"], game_accounts.PHONE_COLUMN, ring) == normalize_mobile(
        game_data["phone"]
    )
    guardian = unseal(account.guardian_id_number_sealed, game_accounts.GUARDIAN_ID_COLUMN, ring)
    assert guardian == game_data["guardian"]["id_number"]


def test_lookups_work_after_reindex_with_a_new_index_key(settings, game_data):
    use_keys(settings, "k1", "k1", index=INDEX2)
    ring = key_ring()
    call_command("reseal", "--reindex")
    # The account is found by its numbers; sending the same ID number is no change.
    number_index = blind_index(f"cccd:{game_data['id_number']}", game_accounts.ID_COLUMN, ring)
    assert Account.objects.filter(id_index=number_index).exists()
    phone_index_now = blind_index(normalize_mobile(phone(2)), game_accounts.PHONE_COLUMN, ring)
    assert Account.objects.filter(phone_index=phone_index_now).exists()
    guardian_index = blind_index(
        f"cccd:{game_data['guardian']['id_number']}", game_accounts.GUARDIAN_ID_COLUMN, ring
    )
    assert Account.objects.filter(guardian_id_index=guardian_index).exists()
    assert AccountRevision.objects.get().before["id_index"] == number_index
    _account, changed = games.update_account("minor-1", {"id_number": game_data["id_number"]})
    assert changed == []
