import re
from datetime import date

import pytest
from django.contrib.auth.models import Group

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.modules.games import services
from netpoint.provider.modules.games.models import ApiToken, Game, SemiannualReport

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def login(client, django_user_model):
    def as_role(role: str):
        user = django_user_model.objects.create_user(f"u-{role}", password="mat-khau-dai-1")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return as_role


GAME = {
    "code": "rong-lua",
    "name_original": "Dragon Fire",
    "name_vi": "Rồng Lửa",
    "kind": "Nhập vai",
    "origin": "Hàn Quốc",
    "age_rating": "12+",
    "licence_number": "12/GP",
}


SERVER = {
    "name": "Cụm 1",
    "configuration": "2x Xeon",
    "location": "Hà Nội",
    "connection": "Cáp quang",
    "bandwidth_mbps": "1000",
}


def test_a_game_is_added_to_the_catalogue(login):
    client = login("games_admin")
    answer = client.post("/tro-choi/moi/", GAME)
    game = Game.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/tro-choi/{game.pk}/"
    assert AuditEntry.objects.filter(action="game_saved", target="rong-lua").exists()
    page = client.get("/tro-choi/").content.decode()
    assert "Rồng Lửa" in page and "12+" in page


def test_the_catalogue_lists_games_in_vietnamese_alphabetical_order(login, make_game):
    for n, name in enumerate(["Zing Speed", "Ăn Khế", "Đế Chế", "Dota", "An Phú"]):
        make_game(f"g{n}", name_vi=name)
    page = login("games_admin").get("/tro-choi/").content.decode()
    shown = re.findall(r'<a href="/tro-choi/[0-9]+/">([^<]+)</a>', page)
    assert shown == ["An Phú", "Ăn Khế", "Dota", "Đế Chế", "Zing Speed"]


def test_a_bad_game_form_says_what_is_wrong_in_vietnamese(login):
    client = login("games_admin")
    answer = client.post("/tro-choi/moi/", GAME | {"code": "", "age_rating": "7+"})
    page = answer.content.decode()
    assert answer.status_code == 200 and not Game.objects.exists()
    assert "Trường này là bắt buộc" in page
    assert "Hãy chọn một lựa chọn hợp lệ" in page


def test_a_server_cluster_needs_at_least_one_machine(login, game):
    client = login("games_admin")
    body = SERVER | {"count": "0"}
    answer = client.post(f"/tro-choi/{game.pk}/may-chu/", body)
    assert answer.status_code == 422 and "ít nhất một máy" in answer.content.decode()
    answer = client.post(f"/tro-choi/{game.pk}/may-chu/", body | {"count": "4"})
    assert answer.status_code == 302 and game.servers.get().count == 4


def test_a_token_is_shown_once_and_only_its_hash_is_kept(login, game):
    client = login("games_admin")
    page = client.post(f"/tro-choi/{game.pk}/ma-truy-cap/", {"name": "Cụm 1"}).content.decode()
    secret = page.split('<code id="secret">')[1].split("</code>")[0]
    token = ApiToken.objects.get()
    assert secret not in token.token_hash and services.token_for(secret) == token
    assert secret not in client.get(f"/tro-choi/{game.pk}/").content.decode()
    client.post(f"/tro-choi/ma-truy-cap/{token.pk}/thu-hoi/")
    assert services.token_for(secret) is None


def test_looking_at_an_account_is_audited(login, clock, make_account):
    make_account("acc-7", born=date(2012, 2, 2))
    client = login("games_admin")
    page = client.get("/tro-choi/tai-khoan/", {"ref": "acc-7"}).content.decode()
    assert "Người giám hộ" in page and "mẹ" in page
    assert AuditEntry.objects.filter(action="games_account_viewed", target="acc-7").exists()
    assert login("games_reporter").get("/tro-choi/tai-khoan/").status_code == 403


REPORT = {
    "year": "2026",
    "half": "1",
    "number": "15/BC",
    "place": "Hà Nội",
    "dated": "2026-07-03",
    "company": "Công ty Thử",
    "capacity_accounts": "700000",
    "security_plan": "Sao lưu hằng ngày.",
    "signer_title": "Giám đốc",
    "signer_name": "Nguyễn Văn Ký",
} | {f"revenue_{n}": str(n * 1000) for n in range(6)}


def test_staff_enter_what_the_records_do_not_hold(login):
    client = login("games_reporter")
    answer = client.post("/tro-choi/bao-cao/moi/", REPORT | {"revenue_2": "-1"})
    assert answer.status_code == 422 and not SemiannualReport.objects.exists()
    assert "Đảm bảo giá trị này lớn hơn hoặc bằng" in answer.content.decode()
    assert client.post("/tro-choi/bao-cao/moi/", REPORT).status_code == 302
    saved = SemiannualReport.objects.get()
    assert saved.revenue == [0, 1000, 2000, 3000, 4000, 5000]
    answer = client.get(f"/tro-choi/bao-cao/{saved.pk}/xlsx/")
    assert answer["Content-Disposition"].endswith('2026-1.xlsx"')
    assert client.get(f"/tro-choi/bao-cao/{saved.pk}/sua/").status_code == 200


def test_a_game_rated_16_plus_is_shown_with_its_rating(login):
    client = login("games_admin")
    assert client.post("/tro-choi/moi/", GAME | {"age_rating": "16+"}).status_code == 302
    assert Game.objects.get().minimum_age == 16
    assert "<td>16+</td>" in client.get("/tro-choi/").content.decode()


def test_a_server_clusters_leased_line_is_shown(login, game):
    client = login("games_admin")
    body = SERVER | {"count": "2", "leased_line": "Kênh riêng Viettel 200 Mbps"}
    client.post(f"/tro-choi/{game.pk}/may-chu/", body)
    assert "Kênh riêng Viettel 200 Mbps" in client.get(f"/tro-choi/{game.pk}/").content.decode()


def test_the_capacity_at_the_reporting_time_must_be_entered(login):
    client = login("games_reporter")
    answer = client.post("/tro-choi/bao-cao/moi/", REPORT | {"capacity_accounts": ""})
    assert answer.status_code == 422 and not SemiannualReport.objects.exists()
    assert "Trường này là bắt buộc" in answer.content.decode()


def test_the_report_form_names_its_addressees(login):
    client = login("games_reporter")
    client.post("/tro-choi/bao-cao/moi/", REPORT)
    saved = SemiannualReport.objects.get()
    page = client.get(f"/tro-choi/bao-cao/{saved.pk}/sua/").content.decode()
    addressees = page.split('id="addressees"')[1].split("</div>")[0]
    assert "<li>Bộ Văn hóa, Thể thao và Du lịch</li>" in addressees
