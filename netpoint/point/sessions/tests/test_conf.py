"""NETPOINT_SESSIONS (netpoint.point.sessions.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.point.sessions.conf import conf
from netpoint.point.sessions.runner import PolicyRunner


def test_defaults_an_override_and_a_typo(settings):
    assert PolicyRunner().interval == conf().runner_interval_seconds == 1.0
    settings.NETPOINT_SESSIONS = {"runner_interval_seconds": 0.5}
    assert PolicyRunner().interval == 0.5
    settings.NETPOINT_SESSIONS = {"runner_interval": 0.5}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_SESSIONS has no setting"):
        conf()
