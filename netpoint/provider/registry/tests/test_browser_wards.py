"""In Chromium: provider staff find a ward by typing it without accents (issue 26)."""

import pytest
from playwright.sync_api import expect

from netpoint.common.identity.normalise import fold_name
from netpoint.provider.registry import wardfinder
from netpoint.provider.registry.models import Point

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def offered_for(page, province_code: int, typed: str) -> list[str]:
    """The matches shown once the answer to the whole of `typed` is on screen: each keystroke
    asks the server, and an earlier answer ("ph") may be shown before the last one arrives."""
    wanted = [w.label for w in wardfinder.matches(province_code, typed, limit=200)]
    expect(page.locator("#ward-matches li")).to_have_text(wanted)
    return page.locator("#ward-matches li").all_text_contents()


def test_typing_phu_offers_the_phu_wards_and_the_chosen_one_is_saved(
    live_server, staff_page, provider_point
):
    point = provider_point("HCM-0001", province_code=79, ward_code=26887)
    staff_page.goto(f"{live_server.url}/diem/{point.pk}/sua/")
    assert staff_page.input_value("#id_ward_code") == "Phường An Nhơn (26887)"
    staff_page.fill("#id_ward_code", "")
    staff_page.type("#id_ward_code", "phu")
    offered = offered_for(staff_page, 79, "phu")
    assert "Phường Phú Nhuận (27073)" in offered
    assert offered[0].startswith("Phường Phú") and all("phu" in fold_name(w) for w in offered)
    staff_page.click("#ward-matches li:text-is('Phường Phú Nhuận (27073)')")
    assert staff_page.is_hidden("#ward-matches")
    staff_page.click("button:text('Lưu')")
    staff_page.wait_for_selector("text=Đã lưu điểm HCM-0001.")
    assert "Phường Phú Nhuận, Thành phố Hồ Chí Minh" in staff_page.content()
    assert Point.objects.get(pk=point.pk).ward_code == 27073


def test_a_ward_is_taken_from_the_matches_with_the_keyboard(
    live_server, staff_page, provider_point
):
    point = provider_point("HN-0009")
    staff_page.goto(f"{live_server.url}/diem/{point.pk}/sua/")
    staff_page.fill("#id_ward_code", "")
    staff_page.type("#id_ward_code", "hoan kiem")
    offered = offered_for(staff_page, point.province_code, "hoan kiem")
    assert offered[0] == "Phường Hoàn Kiếm (00070)"
    staff_page.keyboard.press("ArrowDown")
    staff_page.keyboard.press("Enter")
    assert staff_page.input_value("#id_ward_code") == "Phường Hoàn Kiếm (00070)"
    assert staff_page.is_hidden("#ward-matches")
