"""NETPOINT_ACCESSLOG (netpoint.point.accesslog.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.point.accesslog.conf import AccessLogSettings, conf


def test_defaults_an_override_and_a_typo(settings):
    assert conf().retention_days == 30 and "A.7" in sources(AccessLogSettings)["retention_days"]
    settings.NETPOINT_ACCESSLOG = {"gateway_zone": "UTC"}
    assert (conf().gateway_zone, conf().entries_per_event) == ("UTC", 2000)
    settings.NETPOINT_ACCESSLOG = {"retention": 60}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_ACCESSLOG has no setting"):
        conf()


def test_access_records_kept_less_than_the_legal_30_days_are_refused(settings):
    settings.NETPOINT_ACCESSLOG = {"retention_days": 7}
    with pytest.raises(ImproperlyConfigured, match="retention_days is at least 30"):
        conf()
