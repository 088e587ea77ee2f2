"""Logins and failed logins go into the audit log (the username only; never a password)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from netpoint.common.audit import services
from netpoint.common.audit.backends import REFUSED, client_address


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    # Where from: an address the owner signed in from stays open while others guess.
    services.record("login", user=user, detail={"from": client_address(request)})


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # Where the guess came from: the lockout counts failures per client address, but not
    # those refused unheard because the address was already blocked.
    services.record(
        "login_refused" if getattr(request, REFUSED, False) else "login_failed",
        actor=str(credentials.get("username", ""))[:150],
        detail={"from": client_address(request)},
    )
