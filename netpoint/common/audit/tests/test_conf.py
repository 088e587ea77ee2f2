"""NETPOINT_LOGIN_LOCKOUT (netpoint.common.audit.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.audit.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().failures, conf().addresses, conf().minutes) == (5, 10, 15)
    settings.NETPOINT_LOGIN_LOCKOUT = {"minutes": 30}
    assert (conf().failures, conf().minutes) == (5, 30)
    settings.NETPOINT_LOGIN_LOCKOUT = {"minute": 30}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_LOGIN_LOCKOUT has no setting"):
        conf()
