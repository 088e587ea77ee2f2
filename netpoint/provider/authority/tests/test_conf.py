"""NETPOINT_AUTHORITY (netpoint.provider.authority.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.provider.authority.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().second_approval_over_persons, conf().longest_session_hours) == (50, 72)
    settings.NETPOINT_AUTHORITY = {"longest_session_hours": 24}
    assert (conf().longest_session_hours, conf().second_approval_over_persons) == (24, 50)
    settings.NETPOINT_AUTHORITY = {"second_approval_over": 10}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_AUTHORITY has no setting"):
        conf()
