"""In Chromium: what a person sees at the portal — the hotspot's name, the terms and privacy
notice open on the page, the masked number, the code's countdown, "Gửi lại mã" held back until
its time and refused past the hourly limit, "Đổi số" — and the page without JavaScript."""

import base64
import re
from urllib.parse import urlencode

import pytest

from netpoint.provider.modules.wifi import portal, services
from netpoint.provider.modules.wifi.models import PortalConsent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    settings.NETPOINT_SMS_GATEWAY = {"kind": "file", "folder": str(tmp_path)}
    # Two seconds between codes and two codes an hour: the limits are seen in a test's time.
    settings.NETPOINT_WIFI = {"resend_after_seconds": 2, "codes_per_phone_hour": 2}


@pytest.fixture
def portal_url(live_server, hotspot):
    nas = services.register_nas(
        hotspot, "openNDS", "192.0.2.10", "bi-mat-radius-thu-nghiem", hotspot_name="Cà phê Góc"
    )
    portal.configure_controller(nas, "opennds", "khoaFas2026", fas_level=1)
    fas = (
        "hid=" + "3c" * 32 + ", clientip=10.1.0.23, clientmac=04:15:52:6a:e4:ad, "
        "gatewayname=Quan, gatewayaddress=10.1.0.1:2050, authdir=opennds_auth, originurl="
    )
    query = urlencode({"fas": base64.b64encode(fas.encode()).decode()})
    return f"{live_server.url}/wifi/cong/{nas.pk}/?{query}"


def ask_for_a_code(page, portal_url):
    page.goto(portal_url)
    page.fill("#id_phone", "0912 345 678")
    page.check("#id_terms")
    page.click("button[type=submit]")
    page.wait_for_url("**/wifi/cong/ma/**")


def test_the_phone_page_shows_the_hotspot_terms_and_privacy_notice(page, portal_url):
    page.goto(portal_url)
    assert page.inner_text("#hotspot-name") == "Cà phê Góc"
    assert page.is_visible("#terms") and "Không dùng mạng" in page.inner_text("#terms")
    privacy = page.inner_text("#privacy")
    assert page.is_visible("#privacy")
    for words in ("Nghị định 13/2023/NĐ-CP", "Số điện thoại di động", "30 ngày", "văn bản"):
        assert words in privacy


def test_the_portal_goes_no_further_without_consent(page, portal_url):
    page.goto(portal_url)
    page.fill("#id_phone", "0912 345 678")
    page.click("button[type=submit]")
    assert page.eval_on_selector("#id_terms", "box => !box.validity.valid")
    assert "/wifi/cong/ma/" not in page.url
    assert not PortalConsent.objects.exists()


def test_the_code_page_shows_the_masked_number_and_counts_down(page, portal_url):
    ask_for_a_code(page, portal_url)
    assert "0xxx xxx 678" in page.inner_text("#sent-to")
    assert re.search(r"Mã có hiệu lực đến \d\d:\d\d:\d\d", page.inner_text("#validity"))
    page.wait_for_function("document.getElementById('countdown').textContent.includes('4:5')")
    assert PortalConsent.objects.count() == 1


def test_send_again_waits_its_turn_then_stops_at_the_hourly_limit(page, portal_url):
    ask_for_a_code(page, portal_url)
    assert page.is_disabled("#resend")
    assert "Có thể gửi lại mã lúc" in page.inner_text("#resend-when")
    page.wait_for_selector("#resend:enabled")
    first = page.url
    page.click("#resend")
    # The new code's own page (not the POST's URL on the way), its button held back again.
    page.wait_for_url(lambda url: url != first and not url.endswith("/gui-lai/"))
    assert page.is_disabled("#resend")
    page.wait_for_selector("#resend:enabled")
    page.click("#resend")
    assert "Có thể yêu cầu lại lúc" in page.inner_text("#resend-error")


def test_change_number_goes_back_to_the_phone_form(page, portal_url):
    ask_for_a_code(page, portal_url)
    page.click("#change-number")
    page.wait_for_selector("#id_phone")
    assert page.inner_text("#hotspot-name") == "Cà phê Góc"


def test_without_javascript_the_code_page_still_says_until_when(browser, portal_url):
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        ask_for_a_code(page, portal_url)
        assert re.search(r"Mã có hiệu lực đến \d\d:\d\d:\d\d", page.inner_text("#validity"))
        assert "Có thể gửi lại mã lúc" in page.inner_text("#resend-when")
    finally:
        context.close()
