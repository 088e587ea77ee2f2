"""Logins that lock after repeated failures, counted from the audit log itself, so every app
process sees the same count."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

from netpoint.common.audit.conf import conf
from netpoint.common.audit.models import AuditEntry
from netpoint.common.core import clock
from netpoint.common.core.plainsql import instances
from netpoint.common.core.sessions import (
    PERMISSIONS_SQL,
    permission_names_column,
    user_read_with_session,
)


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def locked(username: str, address: str = "") -> bool:
    """Too many failed logins for this username within the window, with no success since:
    `failures` from this client address, or `failures_any_source` from anywhere. Someone
    guessing from elsewhere then cannot lock the account's owner out, while guesses spread
    over many addresses still end in a lock."""
    rule = conf()
    since = clock.now() - timedelta(minutes=rule.minutes)
    recent = AuditEntry.objects.filter(actor=username, at__gte=since)
    last_success = recent.filter(action="login").order_by("-seq").first()
    failures = recent.filter(action="login_failed")
    if last_success:
        failures = failures.filter(seq__gt=last_success.seq)
    if address and failures.filter(detail__from=address).count() >= rule.failures:
        return True
    return failures.count() >= rule.failures_any_source


class LockoutBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user_id = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        # A request's session reads its user with itself (netpoint.common.core.sessions); otherwise
        # plain SQL (netpoint.common.core.plainsql), with the permissions on PostgreSQL.
        read, user = user_read_with_session(user_id)
        if not read:
            where = f"t.{model._meta.pk.column} = %s"
            extra = {}
            if connection.vendor == "postgresql":
                extra["permission_names"] = permission_names_column(f"t.{model._meta.pk.column}")
            found = instances(model, where, [user_id], **extra)
            user = found[0] if found else None
            if user is not None and extra:
                user._perm_cache = set(user.permission_names)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            with connection.cursor() as cursor:
                cursor.execute(PERMISSIONS_SQL, [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {name for (name,) in cursor}
        return user_obj._perm_cache

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and locked(str(username)[:150], client_address(request)):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
