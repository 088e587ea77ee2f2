"""In Chromium: provider staff find a ward by typing it without accents (issue 26)."""

import pytest

from netpoint.common.identity.normalise import fold_name
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_phu_offers_the_phu_wards_and_the_chosen_one_is_saved(
    live_server, page, settings, staff, provider_point
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    point = provider_point("HCM-0001", province_code=79, ward_code=26887)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", "mat-khau-van-hanh-1")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/diem/{point.pk}/sua/")
    assert page.input_value("#id_ward_code") == "Phường An Nhơn (26887)"
    page.fill("#id_ward_code", "")
    page.type("#id_ward_code", "phu")
    page.wait_for_selector("#ward-matches li:text-is('Phường Phú Nhuận (27073)')")
    offered = page.locator("#ward-matches li").all_text_contents()
    assert offered[0].startswith("Phường Phú") and all("phu" in fold_name(w) for w in offered)
    page.click("#ward-matches li:text-is('Phường Phú Nhuận (27073)')")
    assert page.is_hidden("#ward-matches")
    page.click("button:text('Lưu')")
    page.wait_for_selector("text=Đã lưu điểm HCM-0001.")
    assert "Phường Phú Nhuận, Thành phố Hồ Chí Minh" in page.content()
    assert Point.objects.get(pk=point.pk).ward_code == 27073


def test_a_ward_is_taken_from_the_matches_with_the_keyboard(
    live_server, page, settings, staff, provider_point
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    point = provider_point("HN-0009")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "vanhanh")
    page.fill("#id_password", "mat-khau-van-hanh-1")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/diem/{point.pk}/sua/")
    page.fill("#id_ward_code", "")
    page.type("#id_ward_code", "hoan kiem")
    page.wait_for_selector("#ward-matches li:text-is('Phường Hoàn Kiếm (00070)')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#id_ward_code") == "Phường Hoàn Kiếm (00070)"
    assert page.is_hidden("#ward-matches")
