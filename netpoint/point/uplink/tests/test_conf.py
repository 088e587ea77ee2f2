"""NETPOINT_UPLINK (netpoint.point.uplink.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.point.uplink.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().batch_events, conf().keep_sent_days, conf().ca_file) == (10000, 30, "")
    settings.NETPOINT_UPLINK = {"ca_file": "/etc/netpoint/ca.pem"}
    assert (conf().ca_file, conf().pipeline) == ("/etc/netpoint/ca.pem", 2)
    settings.NETPOINT_UPLINK = {"ca-file": "/etc/netpoint/ca.pem"}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_UPLINK has no setting 'ca-file'"):
        conf()
