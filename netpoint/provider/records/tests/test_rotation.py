"""`netpoint reseal` over every app's sealed columns: rows sealed under an old key move to the
new one and still open once the old key is gone; blind-index lookups work after --reindex with
a new index key; --check says what is left; an interrupted run resumes."""

import base64
import random
from datetime import date, timedelta

import pyotp
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from netpoint.common.identity.fake import fake_person
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.sealing import crypto
from netpoint.common.sealing.crypto import blind_index, key_id, seal, unseal
from netpoint.common.sealing.indexes import ID_COLUMN, id_index, key_ring, phone_index
from netpoint.common.sealing.registry import declared
from netpoint.provider.accounts import services as accounts
from netpoint.provider.accounts.services import SECRET_COLUMN as TOTP_COLUMN
from netpoint.provider.authority import services as authority
from netpoint.provider.authority.models import Organisation
from netpoint.provider.modules.antispam import services as antispam
from netpoint.provider.modules.antispam.models import Customer, OptOutRequest, Suppression
from netpoint.provider.modules.antispam.recipients import PHONE_COLUMN, normal_phone
from netpoint.provider.modules.antispam.recipients import SEALED_COLUMN as OPTOUT_COLUMN
from netpoint.provider.modules.games import accounts as game_accounts
from netpoint.provider.modules.games import services as games
from netpoint.provider.modules.games.models import Account, AccountRevision
from netpoint.provider.modules.games.tests.conftest import account_data, guardian_data
from netpoint.provider.modules.wifi import portal
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import PortalAttempt, WifiUser
from netpoint.provider.records import rotation
from netpoint.provider.records.models import Person
from netpoint.provider.records.tests.test_sealing_keys import NUMBER, PHONE, person_sealed_with
from netpoint.provider.registry.models import Point

pytestmark = pytest.mark.django_db
K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()
INDEX = base64.b64encode(b"i" * 32).decode()
INDEX2 = base64.b64encode(b"j" * 32).decode()
RADIUS_SECRET = "bi-mat-dung-chung-thu-nghiem"
FAS_KEY, EVENT_KEY = "faskey-thu-nghiem", "khoa-bao-su-kien-thu"
EMAIL = "nguoinhan@example.com"


def use_keys(settings, active: str, *kids: str, index: str = INDEX) -> None:
    material = {"k1": K1, "k2": K2}
    keys = ";".join(f"{kid}={material[kid]}" for kid in kids)
    settings.NETPOINT_SEALING_KEYS = f"active={active};{keys};index={index}"


def phone(seed: int) -> str:
    return fake_person(random.Random(seed)).phone


@pytest.fixture
def under_k1(settings, clock, provider_point, django_user_model):
    """A value in every sealed column of every app, sealed under k1 (and indexed with INDEX)."""
    use_keys(settings, "k1", "k1")
    person_sealed_with(key_ring())
    # Wi-Fi: a NAS with its three secrets, a verified user, a code sent to a phone.
    hotspot = provider_point("HN-W001", point_type=Point.Type.WIFI, venue_type="cafe")
    nas = wifi.register_nas(hotspot, "NAS thử", "127.0.0.1", RADIUS_SECRET)
    portal.configure_controller(nas, "opennds", FAS_KEY, event_key=EVENT_KEY)
    user, password = wifi.verify_user(phone(1), hotspot)
    e164 = normalize_mobile(phone(1))
    PortalAttempt.objects.create(
        token="t" * 43,
        nas=nas,
        phone_index=phone_index(e164, key_ring()),
        phone_sealed=seal(e164, portal.ATTEMPT_PHONE_COLUMN, key_ring()),
        mac="AA-BB-CC-DD-EE-FF",
        code_hash="0" * 64,
        client={},
        created_at=clock.now(),
        expires_at=clock.now() + timedelta(minutes=5),
    )
    # Staff account with a second factor.
    staff = django_user_model.objects.create_user("nhanvien", password="mat-khau-dai-9")
    totp_secret = pyotp.random_base32()
    assert accounts.enable(staff, totp_secret, pyotp.TOTP(totp_secret).at(clock.now()))
    # Games: a minor with a guardian, whose phone changed once (the history keeps the old one).
    data = account_data(date(2010, 6, 1)) | {"guardian": guardian_data()}
    games.create_account("minor-1", data)
    games.update_account("minor-1", {"phone": phone(2)})
    # Anti-spam: opt-outs by SMS and e-mail, one whose request is gone, a Do-Not-Call entry.
    advertiser = Customer.objects.create(
        name="Công ty Quảng Cáo Thử", management_code="QC-001", brandnames="THUSHOP"
    )
    antispam.register_optout(via="sms", channel="sms", address=phone(3))
    antispam.register_optout(via="email", channel="email", address=EMAIL)
    gone = antispam.register_optout(via="sms", channel="sms", address=phone(4))
    OptOutRequest.objects.filter(pk=gone.pk).delete()
    antispam.import_dnc(phone(5))
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
    return {
        "nas": nas,
        "wifi_user": user,
        "password": password,
        "staff": staff,
        "totp": pyotp.TOTP(totp_secret),
        "game_data": data,
        "advertiser": advertiser,
    }


def tokens(column) -> list[str]:
    values = apps.get_model(column.model).objects.values_list(column.field, flat=True)
    if column.key:
        values = [v.get(column.key) for v in values if isinstance(v, dict)]
    return [v for v in values if v]


def sends_allowed(customer, channel: str, recipient: str) -> bool:
    check = antispam.Check(channel, recipient, "[QC] Ưu đãi", sender="THUSHOP")
    return antispam.check_sends(customer, [check])[0].allowed


def test_check_counts_each_column_under_an_old_key_until_resealed(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    with pytest.raises(CommandError, match="not under the active key k2"):
        call_command("reseal", "--check")
    out = capsys.readouterr().out
    # Every declared column has a value in the fixture, and --check counts each of them.
    for column in declared()[0]:
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
    for column in declared()[0]:
        for token in tokens(column):
            assert key_id(token) == "k2", column.label
            unseal(token, column.column, ring)
    # Each app reads its own values as before.
    nas = under_k1["nas"]
    nas.refresh_from_db()
    assert portal.portal_key(nas) == FAS_KEY and portal.event_key(nas) == EVENT_KEY
    assert unseal(nas.secret_sealed, wifi.SECRET_COLUMN, ring) == RADIUS_SECRET
    user = WifiUser.objects.get()
    assert unseal(user.password_sealed, wifi.PASSWORD_COLUMN, ring) == under_k1["password"]
    clock.advance(timedelta(seconds=30))
    assert accounts.verify(under_k1["staff"], under_k1["totp"].at(clock.now()))
    account = Account.objects.get()
    data = under_k1["game_data"]
    assert unseal(account.phone_sealed, game_accounts.PHONE_COLUMN, ring) == normalize_mobile(
        phone(2)
    )
    before = AccountRevision.objects.get().before
    assert unseal(before["phone_sealed"], game_accounts.PHONE_COLUMN, ring) == normalize_mobile(
        data["phone"]
    )
    guardian = unseal(account.guardian_id_number_sealed, game_accounts.GUARDIAN_ID_COLUMN, ring)
    assert guardian == data["guardian"]["id_number"]
    sealed_optouts = OptOutRequest.objects.values_list("recipient_sealed", flat=True)
    assert {unseal(v, OPTOUT_COLUMN, ring) for v in sealed_optouts} == {
        normal_phone(phone(3)),
        EMAIL,
    }
    assert unseal(Person.objects.get().id_number_sealed, ID_COLUMN, ring) == NUMBER
    assert TOTP_COLUMN in {c.column for c in declared()[0]}


def test_a_second_run_changes_nothing(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    call_command("reseal")
    first = capsys.readouterr().out
    assert "records_person: 1 rows sealed again with key k2" in first
    assert "games_accountrevision: 1 rows sealed again" in first
    call_command("reseal")
    second = capsys.readouterr().out.splitlines()
    assert len(second) == 8
    assert all(line.endswith(": 0 rows sealed again with key k2") for line in second)


def test_lookups_work_after_reindex_with_a_new_index_key(settings, under_k1, capsys):
    use_keys(settings, "k1", "k1", index=INDEX2)
    ring = key_ring()
    e164 = normalize_mobile(phone(1))
    # Before --reindex the new index key finds nobody: the case the command is for.
    assert not WifiUser.objects.filter(phone_index=phone_index(e164, ring)).exists()
    call_command("reseal", "--reindex")
    out = capsys.readouterr().out
    # Wi-Fi: the same person verifying again is the same user; their codes count for the limit.
    user, _password = wifi.verify_user(phone(1))
    assert user.pk == under_k1["wifi_user"].pk and WifiUser.objects.count() == 1
    assert PortalAttempt.objects.filter(phone_index=phone_index(e164, ring)).count() == 1
    # Games: the account is found by its numbers; sending the same ID number is no change.
    data = under_k1["game_data"]
    number_index = blind_index(f"cccd:{data['id_number']}", game_accounts.ID_COLUMN, ring)
    assert Account.objects.filter(id_index=number_index).exists()
    phone_index_now = blind_index(normalize_mobile(phone(2)), game_accounts.PHONE_COLUMN, ring)
    assert Account.objects.filter(phone_index=phone_index_now).exists()
    guardian_index = blind_index(
        f"cccd:{data['guardian']['id_number']}", game_accounts.GUARDIAN_ID_COLUMN, ring
    )
    assert Account.objects.filter(guardian_id_index=guardian_index).exists()
    assert AccountRevision.objects.get().before["id_index"] == number_index
    _account, changed = games.update_account("minor-1", {"id_number": data["id_number"]})
    assert changed == []
    # Anti-spam: the opt-outs still stop advertising.
    assert not sends_allowed(under_k1["advertiser"], "sms", phone(3))
    assert not sends_allowed(under_k1["advertiser"], "email", EMAIL)
    assert sends_allowed(under_k1["advertiser"], "sms", phone(6))
    # Central records: the person is found by ID and phone number.
    assert Person.objects.filter(id_index=id_index("cccd", NUMBER, ring)).exists()
    assert Person.objects.filter(phone_index=phone_index(PHONE, ring)).exists()
    assert "records_person: 1 rows sealed again with key k1 or re-indexed" in out
    assert "accounts_totpdevice: 0 rows" in out  # no blind index, nothing under another key
    # What no sealed value can recompute is said, not skipped.
    assert "antispam_suppression.recipient: 1 rows not recomputed" in out
    assert "antispam_donotcall.recipient: 1 rows not recomputed" in out
    assert "authority_writtenrequest.id_indexes: 1 rows not recomputed" in out
    assert "phone_indexes" not in out  # no request names anybody by phone


def test_an_opt_out_entered_again_under_the_new_index_key_is_kept_once(settings, under_k1):
    use_keys(settings, "k1", "k1", index=INDEX2)
    antispam.register_optout(via="sms", channel="sms", address=phone(3))
    call_command("reseal", "--reindex")
    recipient = blind_index(normal_phone(phone(3)), PHONE_COLUMN, key_ring())
    assert Suppression.objects.filter(recipient=recipient, channel="sms").count() == 1
    assert OptOutRequest.objects.filter(recipient=recipient).count() == 2
    assert not sends_allowed(under_k1["advertiser"], "sms", phone(3))


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
