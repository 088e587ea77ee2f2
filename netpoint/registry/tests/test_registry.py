from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from netpoint.audit.models import AuditEntry
from netpoint.registry import divisions
from netpoint.registry.licences import licence_state
from netpoint.registry.models import EnrollmentCode, Enterprise, Point

pytestmark = [pytest.mark.urls("netpoint.urls_provider"), pytest.mark.django_db]
TODAY = date(2026, 3, 10)  # the clock fixture's day


def test_the_34_provinces_and_their_wards_after_2025():
    assert len(divisions.provinces()) == 34
    assert divisions.province_name(1) == "Thành phố Hà Nội"
    assert divisions.ward_name(4) == "Phường Ba Đình"
    assert divisions.ward_in_province(4, 1) and not divisions.ward_in_province(4, 79)
    assert (4, "Phường Ba Đình") in divisions.wards_of(1)
    assert all("  " not in name for _code, name in divisions.wards_of(79))


@pytest.mark.parametrize(
    ("expires_on", "expected"),
    [
        (None, ("none", None)),
        (TODAY + timedelta(days=31), ("ok", 31)),
        (TODAY + timedelta(days=30), ("expiring", 30)),
        (TODAY, ("expiring", 0)),
        (TODAY - timedelta(days=1), ("expired", -1)),
    ],
)
def test_licence_states_at_their_boundaries(expires_on, expected):
    state = licence_state(expires_on, TODAY, 30)
    assert (state.code, state.days_left) == expected


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="registry", codename__contains="point")
        | Permission.objects.filter(codename__in=["view_enterprise", "add_enterprise"])
    )
    return user


def form_data(enterprise, **changes):
    return {
        "enterprise": enterprise.pk,
        "code": "HN-0100",
        "name": "Quán Net Ba Đình",
        "point_type": "game",
        "owner_name": "Chủ Thử Nghiệm",
        "licence_number": "GP-01/2026",
        "licence_expires_on": "2027-01-01",
        "province_code": "1",
        "ward_code": "4",
        "street_address": "10 Phố Thử",
        "contract_type": "household",
        "venue_type": "internet_cafe",
        "active": "on",
        "public_ips_text": "203.0.113.7\n2001:db8::1\n",
        "hours_text": "08:00-22:00",
    } | changes


def test_staff_add_a_point_with_its_address_ips_and_hours(client, staff, enterprise):
    client.force_login(staff)
    answer = client.post("/diem/moi/", form_data(enterprise))
    point = Point.objects.get(code="HN-0100")
    assert answer.status_code == 302 and answer["Location"] == f"/diem/{point.pk}/"
    assert point.public_ips == ["203.0.113.7", "2001:db8::1"]
    assert point.opening_hours == ["08:00", "22:00"]
    page = client.get(f"/diem/{point.pk}/").content.decode()
    assert "Phường Ba Đình, Thành phố Hà Nội" in page
    assert AuditEntry.objects.filter(action="point_saved", target="HN-0100").exists()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"ward_code": "26887"}, "không thuộc tỉnh, thành phố đã chọn"),
        ({"public_ips_text": "203.0.113.7\n300.1.1.1"}, "Dòng 2 không phải địa chỉ IP hợp lệ"),
        ({"hours_text": "8h-22h"}, "Giờ mở cửa phải có dạng 08:00-22:00"),
        ({"province_code": "999"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"code": ""}, "Trường này là bắt buộc"),
    ],
)
def test_bad_point_input_is_named_in_vietnamese_and_nothing_is_saved(
    client, staff, enterprise, changes, error
):
    client.force_login(staff)
    answer = client.post("/diem/moi/", form_data(enterprise, **changes))
    assert answer.status_code == 200
    assert error in answer.content.decode()
    assert not Point.objects.exists()


def test_the_list_filters_by_province_type_and_licence(client, staff, provider_point, clock):
    provider_point("HN-0001", licence_expires_on=TODAY - timedelta(days=1))
    provider_point("HCM-0001", province_code=79, ward_code=26887, point_type="wifi")
    client.force_login(staff)

    def table(query):
        return client.get("/" + query).content.decode().split("<table>")[1]

    assert "HCM-0001" not in table("?province=1") and "HN-0001" in table("?province=1")
    assert "HN-0001" not in table("?type=wifi") and "HCM-0001" in table("?type=wifi")
    expired = table("?licence=expired")
    assert "HN-0001" in expired and "HCM-0001" not in expired
    assert "Giấy phép đã hết hạn" in client.get("/").content.decode()


def test_an_enrollment_code_is_shown_once_and_replaces_the_unused_one(
    client, staff, provider_point
):
    point = provider_point()
    client.force_login(staff)
    first = client.post(f"/diem/{point.pk}/ma-dang-ky/").content.decode()
    assert 'id="enrollment-code"' in first
    client.post(f"/diem/{point.pk}/ma-dang-ky/")
    assert EnrollmentCode.objects.filter(point=point).count() == 2
    assert "enrollment-code" not in client.get(f"/diem/{point.pk}/").content.decode()


def test_without_permission_nothing_is_shown_or_changed(
    client, django_user_model, enterprise, provider_point
):
    point = provider_point()
    user = django_user_model.objects.create_user("khach", password="mat-khau-khach-1")
    client.force_login(user)
    assert client.get("/").status_code == 403
    assert client.post(f"/diem/{point.pk}/ma-dang-ky/").status_code == 403
    assert client.post("/diem/moi/", form_data(enterprise)).status_code == 403
    assert not EnrollmentCode.objects.exists()
    client.logout()
    assert client.get("/").status_code == 302


def test_wards_follow_the_chosen_province(client, staff):
    client.force_login(staff)
    options = client.get("/phuong-xa/?province=1").content.decode()
    assert "Phường Ba Đình" in options and "An Nhơn" not in options
    assert client.get("/phuong-xa/?province=x").content.decode().count("<option") == 1


def test_an_enterprise_needs_a_real_tax_code(client, staff):
    client.force_login(staff)
    bad = client.post("/doanh-nghiep/moi/", {"name": "Công ty A", "tax_code": "12345"})
    assert "Mã số doanh nghiệp gồm 10 chữ số" in bad.content.decode()
    good = client.post("/doanh-nghiep/moi/", {"name": "Công ty A", "tax_code": "0312345678"})
    assert good.status_code == 302 and Enterprise.objects.filter(tax_code="0312345678").exists()


def test_the_licences_command_lists_what_needs_attention(provider_point, clock, capsys):
    provider_point("HN-0001", licence_expires_on=TODAY + timedelta(days=5))
    provider_point("HN-0002", licence_expires_on=TODAY + timedelta(days=90))
    call_command("licences")
    out = capsys.readouterr().out
    assert "HN-0001" in out and "HN-0002" not in out
    assert "1 licences need attention" in out
