"""NETPOINT_REPORTS (netpoint.provider.reports.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.provider.reports.conf import ReportsSettings, conf


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
