"""NETPOINT_REPORTS and NETPOINT_AGENCIES (netpoint.provider.reports.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.provider.reports.agencies import department, ministry
from netpoint.provider.reports.conf import AgencySettings, ReportsSettings, agencies, conf


def test_the_wifi_report_is_due_before_15_november_as_the_sos_letter_says():
    (wifi,) = conf().wifi
    assert (wifi["month"], wifi["day"]) == (11, 15)
    assert "276/STTTT-BCVT" in sources(ReportsSettings)["wifi"]
    assert [(e["month"], e["day"]) for e in conf().operation] == [(1, 15), (7, 15)]


def test_an_override_changes_one_schedule_and_a_typo_is_refused(settings):
    settings.NETPOINT_REPORTS = {"remind_days_before": [7, 0]}
    assert (conf().remind_days_before, conf().software_changes_within_days) == ((7, 0), 15)
    settings.NETPOINT_REPORTS = {"remind_days": [7, 0]}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_REPORTS has no setting"):
        conf()


def test_due_dates_the_seeds_do_not_fix_say_whose_request_they_follow():
    cited = sources(ReportsSettings)
    assert "theo yêu cầu của cơ quan quản lý" in cited["operation"]
    assert "theo yêu cầu của cơ quan quản lý" in cited["wifi"]


def test_each_duty_names_its_agencies_and_cites_the_decree():
    cited = sources(AgencySettings)
    assert agencies().internet == ("Bộ Khoa học và Công nghệ", "Sở Khoa học và Công nghệ")
    assert agencies().game_points == (
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
    )
    assert "Nghị định 55/2025/NĐ-CP, Điều 1" in cited["wifi"]
    assert "Nghị định 43/2025/NĐ-CP" in cited["online_games"]


def test_the_department_of_a_province_is_named_with_it():
    assert department("wifi", 1) == "Sở Khoa học và Công nghệ thành phố Hà Nội"
    assert ministry("online_games") == "Bộ Văn hóa, Thể thao và Du lịch"


def test_an_unknown_set_of_names_or_a_missing_department_is_refused(settings):
    settings.NETPOINT_AGENCIES = {"names": "2019"}
    with pytest.raises(ImproperlyConfigured, match="names is one of 2025, seeds"):
        agencies()
    settings.NETPOINT_AGENCIES = {"wifi": ["Bộ Khoa học và Công nghệ"]}
    with pytest.raises(ImproperlyConfigured, match=r"wifi is \[ministry, department\]"):
        agencies()
