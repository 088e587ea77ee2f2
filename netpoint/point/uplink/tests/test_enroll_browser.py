"""The owner links the point to its provider from the grid, in Debian's Chromium."""

import pytest
from django.db import connection

from netpoint.conftest import ARTIFACTS
from netpoint.point.uplink.tests.test_enroll_page import OWNER
from netpoint.point.uplink.tests.with_provider_urls import PROVIDER_PREFIX

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
    ),
]


def test_the_owner_pastes_the_providers_code_and_the_page_says_connected(
    live_server, page, settings, django_user_model, provider_point, cafe
):
    from netpoint.provider.registry import services as registry

    settings.ROOT_URLCONF = "netpoint.point.uplink.tests.with_provider_urls"
    django_user_model.objects.create_superuser(OWNER[0], password=OWNER[1])
    code = registry.issue_enrollment_code(provider_point("HN-0042", name="Quán Net Thử"))
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", OWNER[0])
    page.fill("#id_password", OWNER[1])
    page.click("button[type=submit]")
    page.click("#sync-state >> text=Kết nối máy chủ doanh nghiệp")
    page.fill("#id_provider_url", live_server.url + PROVIDER_PREFIX)
    page.fill("#id_code", code)
    page.click("button[type=submit] >> text=Gửi mã và kết nối")
    assert page.is_visible("#uplink-connected >> text=Đã kết nối máy chủ doanh nghiệp")
    assert "HN-0042" in page.inner_text("#uplink-connected")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "owner-enrollment.png"), full_page=True)
