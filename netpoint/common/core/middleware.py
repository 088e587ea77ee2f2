"""The client's own address behind the provider's nginx; the signed-in user read with the
session."""

import contextlib
import ipaddress

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

from netpoint.common.core.sessions import signed_in_user


class ClientAddressMiddleware:
    """Behind nginx every request comes from nginx's address, so REMOTE_ADDR would make all
    clients one: the enrollment rate limit would block everyone at once, and a hotspot's
    authmon poll could not be told from anybody else. nginx puts the address it saw in
    X-Real-IP, replacing whatever the client sent; that header is believed only from the
    addresses in NETPOINT_TRUSTED_PROXIES (none unless set)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(settings.NETPOINT_TRUSTED_PROXIES)

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR") in self.trusted:
            forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
            # No header, or not an address: the proxy's own address stands.
            with contextlib.suppress(ValueError):
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded))
        return self.get_response(request)


class SessionUserMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, but the user is the one the session read with itself
    (netpoint.common.core.sessions): one round trip for both."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: signed_in_user(request))
