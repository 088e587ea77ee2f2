"""The staff's pages for the hotspots' access controllers (NAS) and their portal: list, add,
change; every bad input refused with a Vietnamese error and nothing written; the keys sealed
and never shown back."""

import pytest
from django.contrib.auth.models import Group

from netpoint.common.audit.models import AuditEntry
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.wifi import portal
from netpoint.provider.modules.wifi.models import Nas
from netpoint.provider.modules.wifi.services import SECRET_COLUMN
from netpoint.provider.modules.wifi.tests.test_admin import form as admin_form

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]
SECRET = "bi-mat-dung-chung-rat-dai"


def logged_in(client, django_user_model, role):
    user = django_user_model.objects.create_user(role, password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.fixture
def admin(client, django_user_model):
    return logged_in(client, django_user_model, "provider_admin")


def form(hotspot, **fields):
    """The admin's form (one form serves both) with the portal's side filled in too."""
    names = {"name": "Bộ điều khiển tầng 1", "hotspot_name": "Cà phê Góc", "secret": SECRET}
    return admin_form(hotspot, **names) | fields


def test_staff_add_a_nas_with_its_secret_sealed(admin, hotspot):
    answer = admin.post("/wifi/thiet-bi/moi/", form(hotspot))
    assert answer.status_code == 302
    nas = Nas.objects.get()
    assert (nas.name, nas.hotspot_name, nas.ip_address) == (
        "Bộ điều khiển tầng 1",
        "Cà phê Góc",
        "192.0.2.7",
    )
    assert unseal(nas.secret_sealed, SECRET_COLUMN, key_ring()) == SECRET
    entry = AuditEntry.objects.get(action="nas_saved")
    assert entry.detail["secret_changed"] and SECRET not in str(entry.detail)


def test_the_list_shows_the_nas_and_never_its_secret(admin, hotspot):
    admin.post("/wifi/thiet-bi/moi/", form(hotspot, nat_addresses="10.0.0.2"))
    page = admin.get("/wifi/thiet-bi/").content.decode()
    assert "Bộ điều khiển tầng 1" in page and "192.0.2.7" in page and "10.0.0.2" in page
    assert SECRET not in page


def test_the_edit_page_never_shows_the_keys_back(admin, hotspot):
    admin.post(
        "/wifi/thiet-bi/moi/",
        form(hotspot, controller="opennds", portal_key="khoaFas2026", event_key="k" * 20),
    )
    page = admin.get(f"/wifi/thiet-bi/{Nas.objects.get().pk}/").content.decode()
    for key in (SECRET, "khoaFas2026", "k" * 20):
        assert key not in page
    assert "Đã đặt. Để trống để giữ nguyên khoá cũ." in page


def test_a_change_without_keys_keeps_the_old_ones(admin, hotspot):
    admin.post("/wifi/thiet-bi/moi/", form(hotspot, controller="opennds", portal_key="khoaFas"))
    nas = Nas.objects.get()
    answer = admin.post(
        f"/wifi/thiet-bi/{nas.pk}/",
        form(hotspot, secret="", name="Đổi tên", controller="opennds", house_rules="Giữ trật tự"),
    )
    assert answer.status_code == 302
    nas.refresh_from_db()
    assert nas.name == "Đổi tên" and nas.house_rules == "Giữ trật tự"
    assert unseal(nas.secret_sealed, SECRET_COLUMN, key_ring()) == SECRET
    assert portal.portal_key(nas) == "khoaFas"


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"ip_address": "192.0.2.300"}, "Hãy nhập một địa chỉ IPv4 hoặc IPv6 hợp lệ."),
        ({"ip_address": ""}, "bắt buộc"),
        ({"nat_addresses": "10.0.0.2, mot-dia-chi"}, "Mỗi địa chỉ phải là một địa chỉ IP"),
        ({"nat_addresses": "192.0.2.7"}, "Địa chỉ nguồn của thiết bị không cần ghi lại"),
        ({"secret": "ngan-qua"}, "Khoá bí mật dùng chung phải dài ít nhất 16 ký tự."),
        ({"secret": ""}, "Hãy nhập khoá bí mật dùng chung cho thiết bị mới."),
        ({"event_key": "ngan"}, "Khoá báo sự kiện phải dài ít nhất 16 ký tự."),
        ({"controller": "opennds"}, "openNDS cần faskey."),
        ({"controller": "chilli"}, "CoovaChilli cần uamsecret"),
        ({"coa_port": "70000"}, "Cổng phải từ 1 đến 65535."),
        ({"coa_port": "abc"}, "Cổng CoA phải là một số nguyên."),
        ({"name": ""}, "bắt buộc"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(admin, hotspot, fields, error):
    answer = admin.post("/wifi/thiet-bi/moi/", form(hotspot, **fields))
    assert answer.status_code == 422
    assert error in answer.content.decode()
    assert not Nas.objects.exists()


def test_a_second_nas_at_the_same_source_address_is_refused(admin, hotspot):
    admin.post("/wifi/thiet-bi/moi/", form(hotspot))
    answer = admin.post("/wifi/thiet-bi/moi/", form(hotspot, name="Thiết bị khác"))
    assert answer.status_code == 422
    assert "Đã có thiết bị NAS dùng địa chỉ nguồn này." in answer.content.decode()
    assert Nas.objects.count() == 1


def test_only_a_wifi_point_can_have_a_nas(admin, provider_point):
    game_point = provider_point("HN-0009")
    answer = admin.post("/wifi/thiet-bi/moi/", form(game_point))
    assert answer.status_code == 422
    assert "Chỉ điểm Wi-Fi công cộng mới có thiết bị NAS." in answer.content.decode()
    assert not Nas.objects.exists()


def test_an_operator_sees_the_list_but_cannot_add_or_change(client, django_user_model, hotspot):
    operator = logged_in(client, django_user_model, "provider_operator")
    page = operator.get("/wifi/thiet-bi/").content.decode()
    assert "Thêm thiết bị" not in page
    assert operator.get("/wifi/thiet-bi/moi/").status_code == 403
    assert operator.post("/wifi/thiet-bi/moi/", form(hotspot)).status_code == 403
    assert not Nas.objects.exists()
