import pytest

from netpoint.common.identity.validators import IdentityError
from netpoint.common.sealing.crypto import unseal
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.models import WifiUser

pytestmark = pytest.mark.django_db


def test_verifying_a_phone_twice_keeps_one_user_with_a_new_password(clock):
    first, password = services.verify_user("0912 345 678")
    again, new_password = services.verify_user("+84912345678")
    assert first.pk == again.pk and password != new_password
    assert WifiUser.objects.count() == 1
    assert "912345678" not in again.phone_sealed and "912345678" not in again.login


def test_a_number_that_is_not_a_mobile_is_refused():
    with pytest.raises(IdentityError):
        services.verify_user("024 3736 6945")


def test_only_wifi_points_get_a_nas(provider_point):
    with pytest.raises(services.WifiError):
        services.register_nas(provider_point(), "NAS", "192.0.2.1", "bi-mat-du-dai-16-ky-tu")


def test_a_short_secret_is_refused(hotspot):
    with pytest.raises(services.WifiError):
        services.register_nas(hotspot, "NAS", "192.0.2.1", "ngan")


def test_the_secret_is_sealed_and_read_back(hotspot):
    nas = services.register_nas(hotspot, "NAS", "192.0.2.1", "bi-mat-du-dai-16-ky-tu")
    assert "bi-mat" not in nas.secret_sealed
    assert services.active_nas()["192.0.2.1"].secret == b"bi-mat-du-dai-16-ky-tu"
    from netpoint.common.sealing.indexes import key_ring

    assert unseal(nas.secret_sealed, services.SECRET_COLUMN, key_ring())


@pytest.mark.parametrize(
    "raw",
    ["aa:bb:cc:00:11:22", "AA-BB-CC-00-11-22", "aabbcc001122", "aabb.cc00.1122"],
)
def test_mac_forms_are_normalized(raw):
    assert services.normalize_mac(raw) == "AA-BB-CC-00-11-22"


@pytest.mark.parametrize("raw", ["", "aa:bb:cc:00:11", "aa:bb-cc:00:11:22", "gg:bb:cc:00:11:22"])
def test_a_bad_mac_is_refused(raw, clock):
    assert services.normalize_mac(raw) is None
    user, _password = services.verify_user("0912345678")
    with pytest.raises(services.WifiError):
        services.authorize_device(user, raw)
