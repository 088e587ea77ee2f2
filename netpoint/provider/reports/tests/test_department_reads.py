"""The Sở reads the reports made for its own province, and only those: not another
province's, not the enterprise-wide ones, and it makes none."""

from datetime import date

import pytest

from netpoint.provider.monitoring.tests.conftest import police  # noqa: F401
from netpoint.provider.reports import services

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.fixture
def reports(clock, staff, enterprise, provider_point):
    provider_point("WF-0001", point_type="wifi", venue_type="cafe")
    maker = staff("baocao", "compliance_officer")

    def make(number, province_code):
        return services.generate(
            maker,
            {
                "kind": "wifi",
                "enterprise": enterprise,
                "province_code": province_code,
                "period_from": date(2026, 1, 1),
                "period_to": date(2026, 3, 31),
                "number": number,
                "place": "Hà Nội",
                "addressee": "Sở Thông tin và Truyền thông",
                "signer_title": "Giám đốc",
                "signer_name": "Trần Thị Ký",
            },
        )

    return {
        "hanoi": make("1/BC-HN", 1),
        "saigon": make("2/BC-HCM", 79),
        "whole": make("3/BC-TN", None),
    }


def test_the_department_lists_its_provinces_reports_only(client, department, reports):
    client.force_login(department("sohanoi", 1))
    answer = client.get("/bao-cao/")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "1/BC-HN" in page
    assert "2/BC-HCM" not in page and "3/BC-TN" not in page
    assert 'id="generate"' not in page


def test_the_department_reads_and_downloads_its_provinces_report(client, department, reports):
    client.force_login(department("sohanoi", 1))
    own = reports["hanoi"].pk
    assert "Trần Thị Ký" in client.get(f"/bao-cao/{own}/").content.decode()
    download = client.get(f"/bao-cao/{own}/tai/docx/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.docx"')


def test_another_provinces_report_is_not_found_for_the_department(client, department, reports):
    client.force_login(department("sohanoi", 1))
    for report in (reports["saigon"], reports["whole"]):
        assert client.get(f"/bao-cao/{report.pk}/").status_code == 404
        assert client.get(f"/bao-cao/{report.pk}/tai/xlsx/").status_code == 404


def test_the_other_province_reads_its_own_and_not_hanois(client, department, reports):
    client.force_login(department("sohcm", 79))
    page = client.get("/bao-cao/").content.decode()
    assert "2/BC-HCM" in page and "1/BC-HN" not in page
    assert client.get(f"/bao-cao/{reports['hanoi'].pk}/").status_code == 404


def test_the_department_makes_no_report(client, department, enterprise, reports):
    client.force_login(department("sohanoi", 1))
    answer = client.post("/bao-cao/lap/", {"kind": "wifi", "enterprise": enterprise.pk})
    assert answer.status_code == 403


def test_a_police_member_still_cannot_read_reports(client, police, reports):  # noqa: F811
    client.force_login(police)
    assert client.get("/bao-cao/").status_code == 403
    assert client.get(f"/bao-cao/{reports['hanoi'].pk}/").status_code == 403
