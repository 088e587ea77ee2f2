from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from netpoint.common.audit import services
from netpoint.common.audit.models import AuditEntry, AuditHead

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]
SEARCHED, EXPORTED = "Tìm thông tin theo văn bản", "Xuất dữ liệu theo văn bản"


@pytest.fixture
def auditor(django_user_model):
    user = django_user_model.objects.create_user("kiemtoan", password="mat-khau-kiem-toan-1")
    user.groups.add(Group.objects.get(name="auditor"))
    return user


def rows(answer) -> str:
    """The log's table body alone (the page's scripts hold words of their own)."""
    return answer.content.decode().split("<tbody>")[1].split("</tbody>")[0]


def test_the_auditor_lists_filters_and_verifies_the_log(
    client, auditor, clock, cashier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # their heads signed, as committed
        services.record("search", user=cashier, target="123/CAHN", detail={"results": 1})
    clock.advance(timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.record("export", user=cashier, target="123/CAHN")
    client.force_login(auditor)
    page = rows(client.get("/kiem-toan/"))
    assert "123/CAHN" in page and SEARCHED in page and EXPORTED in page
    only_exports = rows(client.get("/kiem-toan/?action=export"))
    assert EXPORTED in only_exports and SEARCHED not in only_exports
    first_day = rows(client.get("/kiem-toan/?day=2026-03-10"))
    assert SEARCHED in first_day and EXPORTED not in first_day
    verified = client.get("/kiem-toan/?verify=1").content.decode()
    assert "Nhật ký nguyên vẹn, khớp các đầu cây đã ký." in verified


def test_the_auditor_sees_a_log_cut_short_named(
    client, auditor, cashier, django_capture_on_commit_callbacks
):
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.record("search", user=cashier, target=f"{n}/CAHN")
    client.force_login(auditor)
    AuditEntry.objects.filter(seq__gte=3).delete()
    AuditHead.objects.all().delete()
    page = client.get("/kiem-toan/?verify=1").content.decode()
    assert "Nhật ký đã bị can thiệp" in page
    assert "đầu cây đã ký có 3 mục nhưng nhật ký chỉ còn 2 mục" in page


def test_actions_and_details_are_shown_in_words(client, auditor, cashier):
    services.record(
        "search_refused",
        user=cashier,
        target="123/CAHN",
        detail={"kind": "id_number", "reason": "person_not_in_scope"},
    )
    services.record("wifi_session_disconnect", user=cashier, detail={"nas": 3, "answer": "ack"})
    client.force_login(auditor)
    page = client.get("/kiem-toan/").content.decode()
    shown = rows(client.get("/kiem-toan/"))
    assert "Lần tìm bị từ chối" in shown and "Ngắt phiên Wi-Fi" in shown
    for line in ("Tìm theo: số CCCD", "Lý do: người ngoài phạm vi văn bản"):
        assert line in shown, line
    assert "Bộ điều khiển: 3" in shown and "Kết quả: thiết bị đã ngắt" in shown
    assert '<option value="search_refused">Lần tìm bị từ chối</option>' in page
    for raw in ("search_refused", "person_not_in_scope", "{'", "[{"):
        assert raw not in shown.replace('data-code="search_refused"', ""), raw


def test_an_action_without_words_yet_is_not_shown_as_its_code(client, auditor, cashier):
    services.record("something_new", user=cashier, detail={"odd_key": "", "n": [1, True]})
    client.force_login(auditor)
    shown = rows(client.get("/kiem-toan/"))
    assert "Hành động khác" in shown
    assert "Thông tin khác: 1, có</td>" in shown  # the empty one left out
    assert ">something_new<" not in shown and "odd_key" not in shown


@pytest.mark.parametrize("day", ["2026-02-30", "hôm qua", "9" * 50])
def test_a_bad_day_is_ignored_not_an_error(client, auditor, day):
    client.force_login(auditor)
    assert client.get("/kiem-toan/", {"day": day}).status_code == 200


def test_others_cannot_read_the_audit_log(client, cashier):
    client.force_login(cashier)
    assert client.get("/kiem-toan/").status_code == 403


def test_roles_hold_only_their_permissions():
    names = set(Group.objects.get(name="auditor").permissions.values_list("codename", flat=True))
    assert names == {"view_auditentry"}
    officer = Group.objects.get(name="approving_officer").permissions
    assert set(officer.values_list("codename", flat=True)) == {
        "view_writtenrequest",
        "decide_writtenrequest",
    }
