"""The point form's ward field as staff type it (issue 26): a name without accents, part of it,
or a code, inside the chosen province; with JavaScript or without."""

import pytest

from netpoint.provider.registry.models import Point
from netpoint.provider.registry.tests.test_registry import form_data

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
HO_CHI_MINH = "79"


def offered(client, province: str, typed: str) -> list[str]:
    page = client.get("/phuong-xa/", {"province": province, "q": typed}).content.decode()
    return [part.split('"')[0] for part in page.split('<option value="')[1:]]


def test_typing_phu_offers_the_phu_wards_of_the_province_first(client, staff):
    client.force_login(staff)
    wards = offered(client, HO_CHI_MINH, "phu")
    assert wards and all(w.startswith(("Phường Phú", "Xã Phú")) for w in wards[:5])
    assert "Phường Phú Nhuận (27073)" in wards


def test_a_ward_is_offered_by_its_code(client, staff):
    client.force_login(staff)
    assert offered(client, "1", "4") == ["Phường Ba Đình (00004)"]


def test_a_superscript_digit_finds_no_ward_and_no_error(client, staff):
    client.force_login(staff)
    assert offered(client, "1", "²") == []


def test_another_provinces_ward_is_not_offered(client, staff):
    client.force_login(staff)
    assert offered(client, "1", "phu nhuan") == []


def test_a_ward_typed_without_accents_is_saved_by_its_code(client, staff, enterprise):
    client.force_login(staff)
    answer = client.post("/diem/moi/", form_data(enterprise, ward_code="ba dinh"))
    assert answer.status_code == 302
    assert Point.objects.get(code="HN-0100").ward_code == 4


def test_a_ward_chosen_from_the_list_is_saved_by_its_code(client, staff, enterprise):
    client.force_login(staff)
    chosen = form_data(enterprise, province_code=HO_CHI_MINH, ward_code="Phường Phú Nhuận (27073)")
    assert client.post("/diem/moi/", chosen).status_code == 302
    assert Point.objects.get(code="HN-0100").ward_code == 27073


def test_a_ward_that_names_several_lists_them_and_nothing_is_saved(client, staff, enterprise):
    client.force_login(staff)
    page = client.post(
        "/diem/moi/", form_data(enterprise, province_code=HO_CHI_MINH, ward_code="phu")
    )
    assert "Có nhiều phường, xã khớp (Phường Phú" in page.content.decode()
    assert not Point.objects.exists()


def test_a_ward_that_names_none_says_so(client, staff, enterprise):
    client.force_login(staff)
    page = client.post("/diem/moi/", form_data(enterprise, ward_code="khong co dau"))
    assert "Không có phường, xã nào như vậy" in page.content.decode()
    assert not Point.objects.exists()


def test_without_javascript_the_page_lists_the_provinces_wards(client, staff, provider_point):
    point = provider_point("HN-0007")
    client.force_login(staff)
    page = client.get(f"/diem/{point.pk}/sua/").content.decode()
    assert 'list="ward-list"' in page and 'value="Phường Ba Đình (00004)"' in page
    assert page.count('<option value="Phường') + page.count('<option value="Xã') > 100
