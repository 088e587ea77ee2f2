import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.registry import divisions, services
from netpoint.provider.registry.licences import licence_state
from netpoint.provider.registry.models import EnrollmentCode, Enterprise, Point, PointKey

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
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


def test_a_licence_is_judged_by_the_date_in_vietnam(provider_point, clock):
    point = provider_point(licence_expires_on=TODAY)
    clock.set(datetime(2026, 3, 10, 16, 59, tzinfo=UTC))  # 23:59 in Vietnam
    assert services.licence_of(point).code == "expiring"
    clock.set(datetime(2026, 3, 10, 17, 0, tzinfo=UTC))  # midnight in Vietnam, still 10/3 UTC
    assert services.licence_of(point).code == "expired"


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


def test_the_list_filters_by_province_type_licence_and_text(
    client, staff, provider_point, clock, django_assert_max_num_queries
):
    licences = {
        "HN-0001": TODAY - timedelta(days=1),
        "HN-0002": TODAY + timedelta(days=30),
        "HN-0003": TODAY + timedelta(days=31),
    }
    for code, expires_on in licences.items():
        provider_point(code, licence_expires_on=expires_on)
    provider_point("HCM-0001", province_code=79, ward_code=26887, point_type="wifi", name="Sóc")
    client.force_login(staff)

    def codes(query):
        table = client.get("/diem/" + query).content.decode().split("<table>")[1]
        return set(re.findall(r"(HN-\d+|HCM-\d+)</a>", table))

    assert codes("?province=1") == set(licences)
    assert codes("?type=wifi") == {"HCM-0001"}
    assert codes("?licence=expired") == {"HN-0001"}
    assert codes("?licence=expiring") == {"HN-0002"}
    assert codes("?licence=ok") == {"HN-0003"}
    assert codes("?licence=none") == {"HCM-0001"}
    assert codes("?q=hn-000") == set(licences)
    assert codes("?q=sóc") == {"HCM-0001"}
    assert codes("?province=1&licence=ok&q=0003") == {"HN-0003"}
    with django_assert_max_num_queries(8):  # not one query per point for its key
        page = client.get("/diem/").content.decode()
    assert "Giấy phép đã hết hạn" in page


def test_an_enrollment_code_is_shown_once_and_replaces_the_unused_one(
    client, staff, provider_point
):
    point = provider_point()
    client.force_login(staff)
    first = client.post(f"/diem/{point.pk}/ma-dang-ky/").content.decode()
    first_code = re.search(r'id="enrollment-code">([A-Z0-9-]+)<', first).group(1)
    second = client.post(f"/diem/{point.pk}/ma-dang-ky/").content.decode()
    second_code = re.search(r'id="enrollment-code">([A-Z0-9-]+)<', second).group(1)
    assert "enrollment-code" not in client.get(f"/diem/{point.pk}/").content.decode()
    with pytest.raises(services.EnrollmentRefused):
        services.enroll(first_code, bytes(32))
    assert services.enroll(second_code, bytes(32), "1.0") == point
    assert PointKey.objects.get(point=point).software_version == "1.0"
    assert 'Đã đăng ký <span class="muted">1.0</span>' in client.get("/diem/").content.decode()


def test_without_permission_nothing_is_shown_or_changed(
    client, django_user_model, enterprise, provider_point
):
    point = provider_point()
    user = django_user_model.objects.create_user("khach", password="mat-khau-khach-1")
    client.force_login(user)
    assert client.get("/diem/").status_code == 403
    assert client.post(f"/diem/{point.pk}/ma-dang-ky/").status_code == 403
    assert client.post("/diem/moi/", form_data(enterprise)).status_code == 403
    assert not EnrollmentCode.objects.exists()
    client.logout()
    assert client.get("/diem/").status_code == 302


def test_wards_follow_the_chosen_province(client, staff):
    client.force_login(staff)
    options = client.get("/phuong-xa/?province=1").content.decode()
    assert "Phường Ba Đình" in options and "An Nhơn" not in options
    assert client.get("/phuong-xa/?province=x").content.decode().count("<option") == 0


def test_an_enterprise_needs_a_real_tax_code(client, staff):
    client.force_login(staff)
    bad = client.post("/doanh-nghiep/moi/", {"name": "Công ty A", "tax_code": "12345"})
    assert "Mã số doanh nghiệp gồm 10 chữ số" in bad.content.decode()
    good = client.post("/doanh-nghiep/moi/", {"name": "Công ty A", "tax_code": "0312345678"})
    assert good.status_code == 302 and Enterprise.objects.filter(tax_code="0312345678").exists()
    assert "<td>0312345678</td><td>0</td>" in client.get("/doanh-nghiep/").content.decode()


def test_the_licences_command_lists_what_needs_attention(provider_point, clock, capsys):
    provider_point("HN-0001", licence_expires_on=TODAY + timedelta(days=5))
    provider_point("HN-0002", licence_expires_on=TODAY + timedelta(days=90))
    provider_point("HN-0003", licence_expires_on=TODAY - timedelta(days=1))
    provider_point("HN-0004", licence_expires_on=TODAY - timedelta(days=1), active=False)
    call_command("licences")
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "HN-0003\tĐiểm HN-0003\texpired 2026-03-09, 1 days ago",
        "HN-0001\tĐiểm HN-0001\texpires 2026-03-15, in 5 days",
        "2 licences need attention",
    ]
