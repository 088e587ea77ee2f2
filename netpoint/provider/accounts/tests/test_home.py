"""`/` and the menu: each role starts on the page of its daily work and sees the links it may
follow (the nav door, netpoint.common.core.nav); two-factor settings are under the user's own
menu."""

import re

import pytest
from django.contrib.auth.models import Group

from netpoint.common.core import nav
from netpoint.provider.authority.models import Member, Organisation

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
PASSWORD = "mat-khau-can-bo-dai-1"

HOMES = {
    "provider_admin": "/diem/",
    "provider_operator": "/diem/",
    "approving_officer": "/van-ban/?trang-thai=cho-duyet",
    "authority_user": "/van-ban/",
    "compliance_officer": "/giam-sat/",
    "antispam_operator": "/chong-spam/khach-hang/",
    "antispam_reporter": "/chong-spam/bao-cao/",
    "games_admin": "/tro-choi/",
    "games_reporter": "/tro-choi/bao-cao/",
    "auditor": "/kiem-toan/",
}
MODULE_OF = {"antispam": "antispam", "games": "games"}


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("canbo", password=PASSWORD)


def with_roles(user, *roles):
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user


def bar(page: str) -> str:
    """The header's menu, without the user's own menu."""
    header = page.split('<header class="top">')[1].split("</header>")[0]
    return header.split('<div class="tools">')[0]


def user_menu(page: str) -> str:
    return page.split('id="user-menu"')[1].split("</details>")[0]


@pytest.mark.parametrize("role", sorted(HOMES))
def test_each_role_starts_on_the_page_of_its_daily_work(client, officer, settings, role):
    module = MODULE_OF.get(role.split("_")[0])
    if module and module not in settings.NETPOINT_MODULES:
        pytest.skip(f"the {module} module is not installed")
    client.force_login(with_roles(officer, role))
    answer = client.get("/")
    assert answer.status_code == 302 and answer["Location"] == HOMES[role]
    assert client.get(HOMES[role]).status_code == 200


def test_a_departments_member_starts_on_the_province_dashboard(client, officer):
    department = Organisation.objects.create(name="Sở Hà Nội", kind="ict", province_code=1)
    Member.objects.create(user=officer, organisation=department)
    client.force_login(officer)
    assert client.get("/")["Location"] == "/giam-sat/"
    page = client.get("/giam-sat/").content.decode()
    assert "Giám sát" in bar(page) and "Điểm truy nhập" not in bar(page)


def test_a_user_with_several_roles_starts_on_the_first_by_rank(client, officer):
    client.force_login(with_roles(officer, "auditor", "approving_officer"))
    assert client.get("/")["Location"] == "/van-ban/?trang-thai=cho-duyet"


def test_a_user_without_a_role_is_told_so_at_home(client, officer):
    client.force_login(officer)
    answer = client.get("/")
    assert answer.status_code == 200
    assert "chưa được giao công việc nào" in answer.content.decode()


def test_after_logging_in_the_user_lands_on_their_home(client, officer):
    with_roles(officer, "auditor")
    answer = client.post("/login/", {"username": "canbo", "password": PASSWORD}, follow=True)
    assert answer.redirect_chain[-1][0] == "/kiem-toan/"


def test_the_antispam_operator_has_the_antispam_pages_in_the_menu(client, officer, settings):
    if "antispam" not in settings.NETPOINT_MODULES:
        pytest.skip("the antispam module is not installed")
    client.force_login(with_roles(officer, "antispam_operator"))
    menu = bar(client.get("/chong-spam/khach-hang/").content.decode())
    assert "Chống thư rác" in menu
    assert 'href="/chong-spam/tu-choi/"' in menu and "Yêu cầu từ chối" in menu
    assert "Xác thực hai bước" not in menu


def test_a_sections_pages_are_tabs_under_the_bar(client, officer, settings):
    if "games" not in settings.NETPOINT_MODULES:
        pytest.skip("the games module is not installed")
    client.force_login(with_roles(officer, "games_admin"))
    page = client.get("/tro-choi/").content.decode()
    tabs = page.split('<nav class="subnav"')[1].split("</nav>")[0]
    assert re.search(r'href="/tro-choi/" aria-current="page">Danh mục trò chơi', tabs)
    assert "Tài khoản người chơi" in tabs and "Báo cáo 6 tháng" in tabs


def test_two_factor_settings_and_logging_out_are_in_the_users_own_menu(client, officer):
    client.force_login(with_roles(officer, "authority_user"))
    mine = user_menu(client.get("/van-ban/").content.decode())
    assert "canbo" in mine and "Xác thực hai bước" in mine and "Đăng xuất" in mine


def test_a_link_to_a_page_this_server_lacks_is_left_out(officer, settings):
    with_roles(officer, "auditor")
    settings.ROOT_URLCONF = "netpoint.point.urls"  # the point serves no audit page
    assert all(link.label != "Kiểm toán" for s in nav.menu(officer) for link in s.links)
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    assert "Kiểm toán" in [s.label for s in nav.menu(officer)]


def test_only_the_page_one_is_on_is_marked_in_its_section(client, officer):
    client.force_login(with_roles(officer, "approving_officer"))
    tabs = client.get("/van-ban/?trang-thai=cho-duyet").content.decode().split("subnav")[1]
    marked = re.findall(r'<a href="([^"]+)" aria-current="page">', tabs.split("</nav>")[0])
    assert marked == ["/van-ban/?trang-thai=cho-duyet"]
    every = client.get("/van-ban/").content.decode().split("subnav")[1].split("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', every) == ["/van-ban/"]
