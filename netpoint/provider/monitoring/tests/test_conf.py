"""NETPOINT_MONITORING (netpoint.provider.monitoring.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.provider.monitoring.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().online_within_minutes, conf().lookback_hours) == (10, 48)
    assert "cccd" in conf().accepted_id_types
    settings.NETPOINT_MONITORING = {"accepted_id_types": ["cccd"]}
    assert (conf().accepted_id_types, conf().silent_after_minutes) == (("cccd",), 15)
    settings.NETPOINT_MONITORING = {"online_within": 5}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_MONITORING has no setting"):
        conf()
