"""A BinAuth report nested without end is refused, not a RecursionError (issue 24, 9)."""

import pytest

from netpoint.provider.modules.wifi.models import GatewayEvent
from netpoint.provider.modules.wifi.tests.test_portal import EVENT_KEY, binauth, opennds  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


@pytest.mark.parametrize("depth", [33, 100_000])
def test_a_binauth_report_nested_too_deep_is_refused(client, opennds, depth):  # noqa: F811
    body = '{"event": "client_auth", "mac": "04:15:52:6a:e4:ad", "x": ' + "[" * depth
    answer = binauth(client, opennds, body + "]" * depth + "}", EVENT_KEY)
    assert answer.status_code == 400
    assert answer.json()["message"]
    assert not GatewayEvent.objects.exists()
