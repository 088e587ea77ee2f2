import pytest

from netpoint.common.audit.models import AuditEntry
from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.wifi.models import Nas, RadAcct
from netpoint.provider.modules.wifi.services import SECRET_COLUMN

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def form(hotspot, **fields):
    return {
        "point": hotspot.pk,
        "name": "Bộ điều khiển",
        "ip_address": "192.0.2.7",
        "secret": "bi-mat-du-dai-16-ky-tu",
        "coa_port": 3799,
        "active": "on",
        "fas_level": 3,
    } | fields


def test_a_nas_added_in_the_admin_has_its_secret_sealed_and_is_audited(staff, hotspot):
    answer = staff.post("/admin/wifi/nas/add/", form(hotspot))
    assert answer.status_code == 302
    nas = Nas.objects.get()
    assert unseal(nas.secret_sealed, SECRET_COLUMN, key_ring()) == "bi-mat-du-dai-16-ky-tu"
    entry = AuditEntry.objects.get(action="nas_saved")
    assert "bi-mat" not in str(entry.detail)


def test_a_new_nas_needs_a_long_secret(staff, hotspot):
    for secret in ("", "ngan"):
        answer = staff.post("/admin/wifi/nas/add/", form(hotspot, secret=secret))
        assert answer.status_code == 200 and not Nas.objects.exists()


def test_a_change_without_a_secret_keeps_the_old_one(staff, hotspot):
    staff.post("/admin/wifi/nas/add/", form(hotspot))
    nas = Nas.objects.get()
    answer = staff.post(f"/admin/wifi/nas/{nas.pk}/change/", form(hotspot, secret="", name="Mới"))
    assert answer.status_code == 302
    changed = Nas.objects.get()
    assert changed.name == "Mới" and changed.secret_sealed == nas.secret_sealed


def test_sessions_are_read_only_and_each_look_is_audited(staff):
    RadAcct.objects.create(acctsessionid="S-1", acctuniqueid="u1", nasipaddress="192.0.2.7")
    assert staff.get("/admin/wifi/radacct/").status_code == 200
    assert staff.get("/admin/wifi/radacct/add/").status_code == 403
    assert AuditEntry.objects.filter(action="wifi_sessions_viewed").count() == 1


def test_portal_keys_are_sealed_and_kept_when_left_empty(staff, hotspot):
    from netpoint.provider.modules.wifi import portal

    answer = staff.post(
        "/admin/wifi/nas/add/",
        form(
            hotspot,
            controller="opennds",
            fas_level=3,
            portal_key="khoaFas2026",
            event_key="khoa-bao-su-kien-binauth",
        ),
    )
    assert answer.status_code == 302
    nas = Nas.objects.get()
    assert (portal.portal_key(nas), portal.event_key(nas)) == (
        "khoaFas2026",
        "khoa-bao-su-kien-binauth",
    )
    entry = AuditEntry.objects.get(action="nas_saved")
    assert "khoaFas2026" not in str(entry.detail) and entry.detail["portal_key_changed"]
    staff.post(f"/admin/wifi/nas/{nas.pk}/change/", form(hotspot, secret="", controller="opennds"))
    assert portal.portal_key(Nas.objects.get()) == "khoaFas2026"


def test_opennds_needs_a_faskey(staff, hotspot):
    answer = staff.post("/admin/wifi/nas/add/", form(hotspot, controller="opennds", fas_level=3))
    assert answer.status_code == 200 and not Nas.objects.exists()


def test_gateway_events_are_read_only_and_each_look_is_audited(staff, hotspot):
    from netpoint.common.core import clock
    from netpoint.provider.modules.wifi.models import GatewayEvent

    nas = Nas.objects.create(point=hotspot, name="openNDS", ip_address="192.0.2.8")
    GatewayEvent.objects.create(
        nas=nas, event="client_auth", mac="04-15-52-6A-E4-AD", received_at=clock.now()
    )
    assert "04-15-52-6A-E4-AD" in staff.get("/admin/wifi/gatewayevent/").content.decode()
    assert staff.get("/admin/wifi/gatewayevent/add/").status_code == 403
    assert AuditEntry.objects.filter(action="wifi_gateway_events_viewed").count() == 1


def test_coovachilli_needs_a_uamsecret(staff, hotspot):
    answer = staff.post("/admin/wifi/nas/add/", form(hotspot, controller="chilli"))
    assert answer.status_code == 200 and not Nas.objects.exists()
    assert "CoovaChilli cần uamsecret" in answer.content.decode()


def test_the_nas_list_shows_the_packets_refused_for_naming_another_nas(staff, hotspot):
    staff.post("/admin/wifi/nas/add/", form(hotspot))
    Nas.objects.update(refused_claims=7)
    page = staff.get("/admin/wifi/nas/").content.decode()
    assert "Gói tin mạo danh địa chỉ NAS bị loại" in page
    assert '<td class="field-refused_claims">7</td>' in page


def test_a_nat_address_that_is_not_an_address_is_refused(staff, hotspot):
    answer = staff.post("/admin/wifi/nas/add/", form(hotspot, nat_addresses="10.0.0.2, may-chu"))
    assert answer.status_code == 200 and not Nas.objects.exists()
    assert "Mỗi địa chỉ phải là một địa chỉ IP" in answer.content.decode()
