from datetime import timedelta

import pytest
from django.contrib.auth.models import Group

from netpoint.common.audit import services

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def auditor(django_user_model):
    user = django_user_model.objects.create_user("kiemtoan", password="mat-khau-kiem-toan-1")
    user.groups.add(Group.objects.get(name="auditor"))
    return user


def test_the_auditor_lists_filters_and_verifies_the_log(client, auditor, clock, cashier):
    services.record("search", user=cashier, target="123/CAHN", detail={"results": 1})
    clock.advance(timedelta(days=1))
    services.record("export", user=cashier, target="123/CAHN")
    client.force_login(auditor)
    page = client.get("/kiem-toan/").content.decode()
    assert "123/CAHN" in page and "search" in page and "export" in page
    only_exports = client.get("/kiem-toan/?action=export").content.decode().split("<tbody>")[1]
    assert "export" in only_exports and "search" not in only_exports
    first_day = client.get("/kiem-toan/?day=2026-03-10").content.decode().split("<tbody>")[1]
    assert "search" in first_day and "export" not in first_day
    assert "Chuỗi băm nguyên vẹn." in client.get("/kiem-toan/?verify=1").content.decode()


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
