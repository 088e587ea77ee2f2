"""Logins and failed logins go into the audit log (the username only; never a password)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from netpoint.common.audit import services
from netpoint.common.audit.backends import client_address


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    services.record("login", user=user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # Where the guess came from: the lockout counts failures per client address.
    services.record(
        "login_failed",
        actor=str(credentials.get("username", ""))[:150],
        detail={"from": client_address(request)},
    )
