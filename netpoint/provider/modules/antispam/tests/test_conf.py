"""NETPOINT_ANTISPAM (netpoint.provider.modules.antispam.conf); the sending rules built from it
are tested in test_policy."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.provider.modules.antispam.conf import AntispamSettings, conf


def test_the_defaults_are_the_laws_numbers_with_their_articles():
    rules, cited = conf(), sources(AntispamSettings)
    # Nghị định 91/2020: 3 SMS, 3 e-mails, 1 call a day; SMS 07-22, calls 08-17.
    assert rules.daily_caps == {"sms": 3, "email": 3, "call": 1, "messaging": 3}
    assert rules.send_hours["call"] == ("08:00", "17:00")
    assert cited["daily_caps"] == "Nghị định 91/2020/NĐ-CP (chưa đối chiếu được điều khoản)"
    assert cited["label"] == cited["daily_caps"]
    # Thông tư 09/2011: reports before 15 May and 15 November, of the 6 months before.
    assert (rules.report_due, rules.report_period_months) == (((5, 15), (11, 15)), 6)
    assert "09/2011/TT-BTTTT" in cited["report_due"]


def test_an_override_changes_one_value(settings):
    settings.NETPOINT_ANTISPAM = {"label_channels": ["sms"]}
    assert (conf().label_channels, conf().label) == (("sms",), "[QC]")


def test_an_unknown_key_and_an_unknown_cap_scope_are_refused(settings):
    settings.NETPOINT_ANTISPAM = {"daily_cap": {"sms": 1}}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_ANTISPAM has no setting"):
        conf()
    settings.NETPOINT_ANTISPAM = {"cap_scope": "advertiser"}
    with pytest.raises(ImproperlyConfigured, match="cap_scope"):
        conf()
