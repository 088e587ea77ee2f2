"""NETPOINT_RETENTION_DAYS and NETPOINT_RETENTION (netpoint.provider.records.conf)."""

from dataclasses import fields

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from netpoint.common.core.appsettings import sources
from netpoint.common.core.checks import app_settings
from netpoint.provider.records.conf import RetentionDays, RetentionSettings, conf, profile


def test_every_kind_is_kept_30_days_and_cites_its_source():
    cited = sources(RetentionDays)
    for kind in fields(RetentionDays):
        assert getattr(conf(), kind.name) == 30 and cited[kind.name]
    assert "REQUIREMENTS B.3" in cited["sessions"] and "mục 2.b" in cited["sessions"]


def test_an_override_changes_one_kind(settings):
    settings.NETPOINT_RETENTION_DAYS = {"access": 90}
    assert (conf().access, conf().sessions) == (90, 30)


def test_an_unknown_kind_and_a_period_under_a_day_are_refused(settings):
    settings.NETPOINT_RETENTION_DAYS = {"acess": 90}
    with pytest.raises(ImproperlyConfigured, match="has no setting 'acess'"):
        conf()
    settings.NETPOINT_RETENTION_DAYS = {"heartbeats": 0}
    with pytest.raises(ImproperlyConfigured, match="at least one day: heartbeats"):
        conf()


def test_user_data_kept_less_than_30_days_stops_the_server_at_start(settings):
    settings.NETPOINT_RETENTION_DAYS = {"sessions": 29}
    errors = app_settings(None)
    assert [e.id for e in errors] == ["netpoint.E002"]
    assert "user data is kept at least 30 days: sessions" in errors[0].msg


def test_a_storage_request_profile_shorter_than_24_months_is_refused(settings):
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": "2026-01-05",
        "user_data_days": 700,
    }
    with pytest.raises(ImproperlyConfigured, match="user_data_days is at least 731"):
        profile()


def test_system_logs_kept_less_than_12_months_are_refused(settings):
    settings.NETPOINT_RETENTION = {"system_log_days": 300}
    with pytest.raises(ImproperlyConfigured, match="system_log_days is at least 366"):
        profile()


def test_a_storage_request_needs_the_day_it_was_received(settings):
    settings.NETPOINT_RETENTION = {"profile": "storage_request"}
    with pytest.raises(ImproperlyConfigured, match="needs storage_request_received"):
        profile()
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": "05/01/2026",
    }
    with pytest.raises(ImproperlyConfigured, match="a date YYYY-MM-DD"):
        profile()


def test_an_unknown_profile_is_refused(settings):
    settings.NETPOINT_RETENTION = {"profile": "forever"}
    with pytest.raises(ImproperlyConfigured, match="profile is one of default, storage_request"):
        profile()


def test_the_storage_request_numbers_cite_decree_53_articles():
    cited = sources(RetentionSettings)
    assert "Nghị định 53/2022/NĐ-CP, Điều 27 khoản 1" in cited["user_data_days"]
    assert "Nghị định 53/2022/NĐ-CP, Điều 27 khoản 3" in cited["system_log_days"]
    assert (profile().user_data_days, profile().system_log_days) == (731, 366)


def test_the_law_command_shows_the_profile_in_force(settings, capsys):
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": "2026-01-05",
    }
    call_command("law")
    lines = capsys.readouterr().out.splitlines()
    shown = 'NETPOINT_RETENTION["profile"] = storage_request\t[đã thay đổi, mặc định default]'
    assert any(x.startswith(shown) for x in lines)
    assert any(
        x.startswith('NETPOINT_RETENTION["storage_request_received"] = 2026-01-05') for x in lines
    )
