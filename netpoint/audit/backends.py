"""Logins that lock after repeated failures, counted from the audit log itself, so every app
process sees the same count."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from netpoint.audit.models import AuditEntry
from netpoint.core import clock


def locked(username: str) -> bool:
    """Too many failed logins for this username within the window, with no success since."""
    rule = settings.NETPOINT_LOGIN_LOCKOUT
    since = clock.now() - timedelta(minutes=rule["minutes"])
    recent = AuditEntry.objects.filter(actor=username, at__gte=since)
    last_success = recent.filter(action="login").order_by("-seq").first()
    failures = recent.filter(action="login_failed")
    if last_success:
        failures = failures.filter(seq__gt=last_success.seq)
    return failures.count() >= rule["failures"]


class LockoutBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and locked(str(username)[:150]):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
