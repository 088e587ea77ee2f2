"""The day each household Wi-Fi subscriber was asked to apply Chỉ thị 66, entered by staff."""

import pytest

from netpoint.common.audit.models import AuditEntry
from netpoint.provider.reports.models import HouseholdRequest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]
URL = "/bao-cao/yeu-cau-chi-thi-66/"


@pytest.fixture
def officer(client, staff):
    user = staff("baocao", "compliance_officer")
    client.force_login(user)
    return user


@pytest.fixture
def cafe(provider_point):
    return provider_point("WF-0001", point_type="wifi", venue_type="cafe")


def test_staff_record_the_day_and_the_page_shows_it(client, clock, officer, cafe):
    answer = client.post(URL, {"point": "WF-0001", "asked_on": "2026-03-02"})
    assert answer.status_code == 302
    page = client.get(URL).content.decode()
    assert "<td>WF-0001</td>" in page and "02/03/2026" in page
    assert HouseholdRequest.objects.get().recorded_by == officer
    assert AuditEntry.objects.filter(action="household_request_recorded").exists()


def test_a_point_not_yet_asked_says_so(client, officer, cafe):
    assert "Chưa ghi nhận" in client.get(URL).content.decode()


def test_a_day_after_today_is_refused(client, clock, officer, cafe):
    answer = client.post(URL, {"point": "WF-0001", "asked_on": "2099-01-01"})
    assert answer.status_code == 422
    assert "Ngày yêu cầu không được sau hôm nay." in answer.content.decode()
    assert not HouseholdRequest.objects.exists()


def test_an_organisation_s_point_cannot_be_recorded(client, clock, officer, provider_point):
    provider_point("WF-0003", point_type="wifi", venue_type="hotel", contract_type="organisation")
    answer = client.post(URL, {"point": "WF-0003", "asked_on": "2026-03-02"})
    assert answer.status_code == 422
    assert "Hãy chọn một lựa chọn hợp lệ" in answer.content.decode()
    assert not HouseholdRequest.objects.exists()
