"""`netpoint reseal` over anti-spam's sealed columns and keyed hashes: opt-outs, suppressions,
Do-Not-Call entries (the core's columns: netpoint/provider/records/tests/test_rotation.py)."""

import pytest
from django.core.management import CommandError, call_command

from netpoint.common.sealing.crypto import blind_index, key_id, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.antispam import services as antispam
from netpoint.provider.modules.antispam.checks import Check, check_sends
from netpoint.provider.modules.antispam.models import Customer, OptOutRequest, Suppression
from netpoint.provider.modules.antispam.recipients import PHONE_COLUMN, normal_phone
from netpoint.provider.modules.antispam.recipients import SEALED_COLUMN as OPTOUT_COLUMN
from netpoint.provider.records.tests.rotating import INDEX2, columns_of, phone, tokens, use_keys

pytestmark = pytest.mark.django_db
EMAIL = "nguoinhan@example.com"


@pytest.fixture
def under_k1(settings, clock):
    """Opt-outs by SMS and e-mail, one whose request is gone, a Do-Not-Call entry, sealed under
    k1 (and indexed with INDEX); the advertiser they stop."""
    use_keys(settings, "k1", "k1")
    advertiser = Customer.objects.create(
        name="Công ty Quảng Cáo Thử", management_code="QC-001", brandnames="THUSHOP"
    )
    antispam.register_optout(via="sms", channel="sms", address=phone(3))
    antispam.register_optout(via="email", channel="email", address=EMAIL)
    gone = antispam.register_optout(via="sms", channel="sms", address=phone(4))
    OptOutRequest.objects.filter(pk=gone.pk).delete()
    antispam.import_dnc(phone(5))
    return advertiser


def sends_allowed(customer, channel: str, recipient: str) -> bool:
    check = Check(channel, recipient, "[QC] Ưu đãi", sender="THUSHOP")
    return check_sends(customer, [check])[0].allowed


def test_check_counts_each_column_under_an_old_key_until_resealed(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    with pytest.raises(CommandError, match="not under the active key k2"):
        call_command("reseal", "--check")
    out = capsys.readouterr().out
    for column in columns_of("antispam"):
        assert f"{column.label}: {len(tokens(column))} values under key k1" in out
    call_command("reseal")
    capsys.readouterr()
    call_command("reseal", "--check")
    assert "every sealed value is under the active key k2" in capsys.readouterr().out


def test_every_value_opens_after_reseal_once_the_old_key_is_gone(settings, under_k1):
    use_keys(settings, "k2", "k1", "k2")
    call_command("reseal")
    use_keys(settings, "k2", "k2")  # k1 retired
    ring = key_ring()
    for column in columns_of("antispam"):
        for token in tokens(column):
            assert key_id(token) == "k2", column.label
            unseal(token, column.column, ring)
    sealed_optouts = OptOutRequest.objects.values_list("recipient_sealed", flat=True)
    assert {unseal(v, OPTOUT_COLUMN, ring) for v in sealed_optouts} == {
        normal_phone(phone(3)),
        EMAIL,
    }


def test_lookups_work_after_reindex_with_a_new_index_key(settings, under_k1, capsys):
    use_keys(settings, "k1", "k1", index=INDEX2)
    call_command("reseal", "--reindex")
    out = capsys.readouterr().out
    # The opt-outs still stop advertising.
    assert not sends_allowed(under_k1, "sms", phone(3))
    assert not sends_allowed(under_k1, "email", EMAIL)
    assert sends_allowed(under_k1, "sms", phone(6))
    # What no sealed value can recompute is said, not skipped.
    assert "antispam_suppression.recipient: 1 rows not recomputed" in out
    assert "antispam_donotcall.recipient: 1 rows not recomputed" in out


def test_an_opt_out_entered_again_under_the_new_index_key_is_kept_once(settings, under_k1):
    use_keys(settings, "k1", "k1", index=INDEX2)
    antispam.register_optout(via="sms", channel="sms", address=phone(3))
    call_command("reseal", "--reindex")
    recipient = blind_index(normal_phone(phone(3)), PHONE_COLUMN, key_ring())
    assert Suppression.objects.filter(recipient=recipient, channel="sms").count() == 1
    assert OptOutRequest.objects.filter(recipient=recipient).count() == 2
    assert not sends_allowed(under_k1, "sms", phone(3))
