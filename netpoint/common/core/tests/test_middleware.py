import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from netpoint.common.core.middleware import ClientAddressMiddleware


def seen_address(settings, remote: str, **headers) -> str:
    settings.NETPOINT_TRUSTED_PROXIES = ["127.0.0.1"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    ClientAddressMiddleware(lambda request: HttpResponse())(request)
    return request.META["REMOTE_ADDR"]


def test_the_trusted_proxy_names_the_client(settings):
    assert seen_address(settings, "127.0.0.1", HTTP_X_REAL_IP="203.0.113.9") == "203.0.113.9"
    assert seen_address(settings, "127.0.0.1", HTTP_X_REAL_IP=" 2001:db8::1 ") == "2001:db8::1"


def test_anyone_else_cannot_choose_their_address(settings):
    assert seen_address(settings, "198.51.100.4", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.4"


@pytest.mark.parametrize("header", ["", "not an address", "203.0.113.9, 10.0.0.1", "1" * 500])
def test_a_missing_or_malformed_header_leaves_the_proxy_address(settings, header):
    assert seen_address(settings, "127.0.0.1", HTTP_X_REAL_IP=header) == "127.0.0.1"


def test_nothing_is_trusted_unless_configured(settings):
    settings.NETPOINT_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    ClientAddressMiddleware(lambda request: HttpResponse())(request)
    assert request.META["REMOTE_ADDR"] == "127.0.0.1"
