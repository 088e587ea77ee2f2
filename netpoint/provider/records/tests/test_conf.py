"""NETPOINT_RETENTION_DAYS (netpoint.provider.records.conf)."""

from dataclasses import fields

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.provider.records.conf import RetentionDays, conf


def test_every_kind_is_kept_30_days_as_requirements_b3_says():
    cited = sources(RetentionDays)
    for kind in fields(RetentionDays):
        assert getattr(conf(), kind.name) == 30 and "REQUIREMENTS B.3" in cited[kind.name]


def test_an_override_changes_one_kind(settings):
    settings.NETPOINT_RETENTION_DAYS = {"access": 90}
    assert (conf().access, conf().sessions) == (90, 30)


def test_an_unknown_kind_and_a_period_under_a_day_are_refused(settings):
    settings.NETPOINT_RETENTION_DAYS = {"acess": 90}
    with pytest.raises(ImproperlyConfigured, match="has no setting 'acess'"):
        conf()
    settings.NETPOINT_RETENTION_DAYS = {"persons": 0}
    with pytest.raises(ImproperlyConfigured, match="at least one day: persons"):
        conf()
