"""The SMS gateway's setting as the environment file gives it (netpoint.common.sms)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.sms import config_from_env


def test_no_gateway_in_the_environment_means_the_file_gateway():
    assert config_from_env("") == {}


def test_the_environment_names_the_operators_http_gateway():
    text = '{"kind": "http", "url": "https://sms.example.vn/gui", "token": "t"}'
    assert config_from_env(text) == {
        "kind": "http",
        "url": "https://sms.example.vn/gui",
        "token": "t",
    }


@pytest.mark.parametrize("text", ["http", "[1, 2]", '{"kind": '])
def test_a_gateway_that_is_not_a_json_object_stops_the_server(text):
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_SMS_GATEWAY"):
        config_from_env(text)
