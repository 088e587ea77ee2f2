"""NETPOINT_PROVIDER (netpoint.provider.registry.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.provider.registry.conf import conf


def test_defaults_an_override_and_a_typo(settings):
    assert (conf().clock_window_seconds, conf().licence_warning_days) == (300, 30)
    assert conf().max_batch_bytes == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    settings.NETPOINT_PROVIDER = {"enrollment_code_hours": 24}
    assert (conf().enrollment_code_hours, conf().max_batch_events) == (24, 10000)
    settings.NETPOINT_PROVIDER = {"clock_window": 60}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_PROVIDER has no setting"):
        conf()
