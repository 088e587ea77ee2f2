"""An operator's manager adds a game in Debian's Chromium, issues its game server a token, and
the server's first call with it is answered."""

import json
import urllib.request

import pytest
from django.contrib.auth.models import Group

from netpoint.provider.modules.games.models import Game

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_game_is_added_and_its_server_plays_with_the_token(
    live_server, page, settings, django_user_model
):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    manager = django_user_model.objects.create_user("quanly", password="mat-khau-quan-ly-1")
    manager.groups.add(Group.objects.get_or_create(name="games_admin")[0])
    from netpoint.provider.authority.roles import apply_roles

    apply_roles()
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "quanly")
    page.fill("#id_password", "mat-khau-quan-ly-1")
    page.click("button[type=submit]")
    page.goto(f"{base}/tro-choi/")
    page.click("text=Thêm trò chơi")
    page.fill("#id_code", "rồng lửa")
    page.fill("#id_name_original", "Dragon Fire")
    page.fill("#id_name_vi", "Rồng Lửa")
    page.fill("#id_kind", "Nhập vai")
    page.fill("#id_origin", "Hàn Quốc")
    page.select_option("#id_age_rating", "12+")
    page.fill("#id_licence_number", "12/GP-BTTTT")
    page.click("button:text('Lưu')")
    page.wait_for_selector(".field.invalid #id_code")
    assert "slug" in page.text_content(".field.invalid .error").lower()
    page.fill("#id_code", "rong-lua")
    page.click("button:text('Lưu')")
    page.wait_for_selector("text=Đã lưu trò chơi Rồng Lửa.")
    page.fill("form[action$='/ma-truy-cap/'] #id_name", "Cụm máy chủ 1")
    page.click("button:text('Cấp mã mới')")
    secret = page.text_content("#secret").strip()
    assert Game.objects.get().code == "rong-lua"

    request = urllib.request.Request(
        f"{base}/api/v1/games/sessions/heartbeat",
        data=json.dumps({"session": "khong-co", "seq": 1}).encode(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)  # noqa: S310 - the live server on loopback
    assert refused.value.code == 404
    assert json.loads(refused.value.read())["message"] == "Không có phiên này."
