"""In Chromium: provider staff set up a hotspot's access controller (NAS) and its portal on
their own pages, are told in Vietnamese what is wrong, and never see the secret again."""

import pytest
from django.contrib.auth.models import Group

from netpoint.conftest import ARTIFACTS
from netpoint.provider.modules.wifi.models import Nas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-quan-tri-1"
SECRET = "bi-mat-dung-chung-rat-dai"


def test_staff_set_up_a_nas_and_its_portal(live_server, page, settings, hotspot, django_user_model):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    user = django_user_model.objects.create_user("quantri", password=PASSWORD)
    user.groups.add(Group.objects.get(name="provider_admin"))
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{base}/wifi/thiet-bi/")
    page.click("#nas-new")
    page.select_option("#id_point", str(hotspot.pk))
    page.fill("#id_name", "Bộ điều khiển tầng 1")
    page.fill("#id_hotspot_name", "Cà phê Góc")
    page.fill("#id_house_rules", "Giữ trật tự.")
    page.fill("#id_ip_address", "192.0.2.7")
    # The browser itself holds a short secret back.
    page.fill("#id_secret", "ngan")
    page.click("#nas-form button[type=submit]")
    assert page.eval_on_selector("#id_secret", "box => !box.validity.valid")
    page.fill("#id_ip_address", "192.0.2.300")
    page.fill("#id_nat_addresses", "10.0.0.2, mot-dia-chi")
    page.fill("#id_secret", SECRET)
    page.click("#nas-form button[type=submit]")
    page.wait_for_selector("[role=alert]")
    errors = page.inner_text("#nas-form")
    assert "Hãy nhập một địa chỉ IPv4 hoặc IPv6 hợp lệ." in errors
    assert "Mỗi địa chỉ phải là một địa chỉ IP" in errors
    assert not Nas.objects.exists()

    page.fill("#id_ip_address", "192.0.2.7")
    page.fill("#id_nat_addresses", "10.0.0.2")
    page.fill("#id_secret", SECRET)
    page.click("#nas-form button[type=submit]")
    page.wait_for_url("**/wifi/thiet-bi/")
    row = page.inner_text("#nas-list tbody tr")
    assert "Bộ điều khiển tầng 1" in row and "Cà phê Góc" in row and "192.0.2.7" in row
    assert SECRET not in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "wifi-nas-list.png"), full_page=True)

    page.click("#nas-list >> text=Sửa")
    assert page.input_value("#id_secret") == ""
    assert "Đã đặt. Để trống để giữ nguyên khoá cũ." in page.inner_text("#nas-form")
    assert SECRET not in page.content()
    page.fill("#id_name", "Bộ điều khiển tầng 2")
    page.click("#nas-form button[type=submit]")
    page.wait_for_url("**/wifi/thiet-bi/")
    assert "Bộ điều khiển tầng 2" in page.inner_text("#nas-list")
