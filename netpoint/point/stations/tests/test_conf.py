"""NETPOINT_STATION (netpoint.point.stations.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.point.stations.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().silent_after_seconds, conf().pairing_code_minutes) == (20, 10)
    settings.NETPOINT_STATION = {"poll_every_seconds": 1}
    assert (conf().poll_every_seconds, conf().heartbeat_every_seconds) == (1, 5)
    settings.NETPOINT_STATION = {"poll_seconds": 1}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_STATION has no setting"):
        conf()
