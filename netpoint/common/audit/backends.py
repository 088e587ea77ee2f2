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


# Set on a request whose login was refused unheard because its address is blocked: the
# attempt is recorded as `login_refused` and no longer counted.
REFUSED = "netpoint_login_refused"


def locked(username: str, address: str = "") -> bool:
    """Whether logins for `username` from `address` are refused for now: `failures` failed
    logins from that address within the window, since its last success; or failures from
    `addresses` distinct addresses (guessing spread over many machines) and this address
    never signed this account in within `known_days`. Blocked attempts are not counted, and
    nothing from one address blocks another the owner signed in from."""
    rule = conf()
    now = clock.now()
    since = now - timedelta(minutes=rule.minutes)
    mine = AuditEntry.objects.filter(actor=username)
    failures = mine.filter(action="login_failed", at__gte=since)
    if address:
        here = failures.filter(detail__from=address)
        success = (
            mine.filter(action="login", detail__from=address, at__gte=since)
            .order_by("-seq")
            .values_list("seq", flat=True)
            .first()
        )
        if success is not None:
            here = here.filter(seq__gt=success)
        if here.count() >= rule.failures:
            return True
    spread = failures.values("detail__from").distinct().count() >= rule.addresses
    if not spread:
        return False
    known_since = now - timedelta(days=rule.known_days)
    return not (
        address and mine.filter(action="login", detail__from=address, at__gte=known_since).exists()
    )


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
            if request is not None:
                setattr(request, REFUSED, True)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
