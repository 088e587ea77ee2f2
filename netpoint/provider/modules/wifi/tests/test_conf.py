"""NETPOINT_WIFI (netpoint.provider.modules.wifi.conf): one declaration for the RADIUS server and
the captive portal, which each had their own DEFAULTS."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.provider.modules.wifi.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().duplicate_window_seconds, conf().codes_per_phone_hour) == (30, 3)
    settings.NETPOINT_WIFI = {"code_ttl_seconds": 600}
    assert (conf().code_ttl_seconds, conf().code_attempts, conf().max_batch) == (600, 5, 5000)
    settings.NETPOINT_WIFI = {"code_ttl": 600}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_WIFI has no setting 'code_ttl'"):
        conf()
