"""The page of the law's numbers in force (/so-lieu-phap-luat/): staff and a Sở read it."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


def row_of(page: str, name: str) -> str:
    start = page.index(f"<code>{name}</code>")
    return page[start : page.index("</tr>", start)]


def test_staff_read_a_module_number_with_its_value_default_and_source(client, staff, settings):
    if "games" not in settings.NETPOINT_MODULES:
        pytest.skip("the games module, whose number this reads, is not installed")
    client.force_login(staff("baocao", "compliance_officer"))
    page = client.get("/so-lieu-phap-luat/").content.decode()
    row = row_of(page, "NETPOINT_GAMES[&quot;minor_game_minutes&quot;]")
    assert "<td><code>60</code></td><td><code>60</code></td><td>Không</td>" in row
    assert "Nghị định 147/2024/NĐ-CP, Điều 39 khoản 1 điểm e" in row


def test_the_page_shows_an_override(client, staff, settings):
    settings.NETPOINT_RETENTION_DAYS = {"access": 90}
    client.force_login(staff("baocao", "compliance_officer"))
    page = client.get("/so-lieu-phap-luat/").content.decode()
    row = row_of(page, "NETPOINT_RETENTION_DAYS[&quot;access&quot;]")
    assert "<td><code>90</code></td><td><code>30</code></td><td><strong>Có</strong></td>" in row


def test_a_member_of_a_so_reads_it(client, department):
    client.force_login(department("sohanoi", 1))
    page = client.get("/so-lieu-phap-luat/").content.decode()
    assert "Các số liệu theo pháp luật đang áp dụng" in page


def test_a_user_with_no_role_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("khach", password="x" * 16))
    assert client.get("/so-lieu-phap-luat/").status_code == 403
