"""`netpoint reseal` over public Wi-Fi's sealed columns: a NAS's three secrets, verified users,
codes sent to phones (the core's columns: netpoint/provider/records/tests/test_rotation.py)."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.sealing.crypto import key_id, seal, unseal
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.modules.wifi import portal
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import PortalAttempt, WifiUser
from netpoint.provider.records.tests.rotating import INDEX2, columns_of, phone, tokens, use_keys
from netpoint.provider.registry.models import Point

pytestmark = pytest.mark.django_db
RADIUS_SECRET = "bi-mat-dung-chung-thu-nghiem"
FAS_KEY, EVENT_KEY = "faskey-thu-nghiem", "khoa-bao-su-kien-thu"


@pytest.fixture
def under_k1(settings, clock, provider_point):
    """A value in every sealed column of Wi-Fi, sealed under k1 (and indexed with INDEX): a NAS
    with its three secrets, a verified user, a code sent to a phone."""
    use_keys(settings, "k1", "k1")
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
    return {"nas": nas, "wifi_user": user, "password": password}


def test_check_counts_each_column_under_an_old_key_until_resealed(settings, under_k1, capsys):
    use_keys(settings, "k2", "k1", "k2")
    with pytest.raises(CommandError, match="not under the active key k2"):
        call_command("reseal", "--check")
    out = capsys.readouterr().out
    for column in columns_of("wifi"):
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
    for column in columns_of("wifi"):
        for token in tokens(column):
            assert key_id(token) == "k2", column.label
            unseal(token, column.column, ring)
    nas = under_k1["nas"]
    nas.refresh_from_db()
    assert portal.portal_key(nas) == FAS_KEY and portal.event_key(nas) == EVENT_KEY
    assert unseal(nas.secret_sealed, wifi.SECRET_COLUMN, ring) == RADIUS_SECRET
    user = WifiUser.objects.get()
    assert unseal(user.password_sealed, wifi.PASSWORD_COLUMN, ring) == under_k1["password"]


def test_lookups_work_after_reindex_with_a_new_index_key(settings, under_k1):
    use_keys(settings, "k1", "k1", index=INDEX2)
    ring = key_ring()
    e164 = normalize_mobile(phone(1))
    # Before --reindex the new index key finds nobody: the case the command is for.
    assert not WifiUser.objects.filter(phone_index=phone_index(e164, ring)).exists()
    call_command("reseal", "--reindex")
    # The same person verifying again is the same user; their codes count for the limit.
    user, _password = wifi.verify_user(phone(1))
    assert user.pk == under_k1["wifi_user"].pk and WifiUser.objects.count() == 1
    assert PortalAttempt.objects.filter(phone_index=phone_index(e164, ring)).count() == 1
