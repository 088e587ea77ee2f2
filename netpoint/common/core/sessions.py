"""Sessions in the database, read by plain SQL (netpoint.common.core.plainsql) together with the
user each is signed in as: every request of a signed-in user reads both, in one round trip."""

from contextvars import ContextVar

from django.contrib import auth
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from netpoint.common.core.plainsql import columns, instance, prepared_cursor

# A user's own and their groups' permissions ("app.codename") in one round trip, for the user
# `{user}` names; ModelBackend asks twice, and every page and API call checks at least one.
PERMISSION_NAMES = """
SELECT ct.app_label || '.' || p.codename
FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id
WHERE p.id IN (
    SELECT permission_id FROM auth_user_user_permissions WHERE user_id = {user}
    UNION
    SELECT gp.permission_id FROM auth_group_permissions gp
    JOIN auth_user_groups ug ON ug.group_id = gp.group_id
    WHERE ug.user_id = {user}
)
"""
PERMISSIONS_SQL = PERMISSION_NAMES.format(user="%s")


def permission_names_column(user_id_column: str) -> str:
    """On PostgreSQL a user comes with their permissions, in the same round trip: this column
    of a SELECT that has their id in `user_id_column`."""
    return f"ARRAY({PERMISSION_NAMES.format(user=user_id_column)})"


# The session store whose signed-in user is being looked up, while Django's auth.get_user runs
# for a request (signed_in_user); the backend takes the user that store read, if it did.
_SIGNING_IN = ContextVar("netpoint_signing_in", default=None)


class SessionStore(db.SessionStore):
    # (user id as the session keeps it, the user read with the session or None)
    read_user: tuple[str, object] | None = None

    @classmethod
    def get_model_class(cls):
        from netpoint.common.core.models import SignedInSession

        return SignedInSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = (
            int(user_id) if str(user_id or "").isascii() and str(user_id or "").isdigit() else None
        )
        return session

    def _get_session_from_db(self):
        self.read_user = None
        model, user_model = self.model, get_user_model()
        session_shape = columns(model, connection.vendor, "t")
        user_shape = columns(user_model, connection.vendor, "u")
        quote = connection.ops.quote_name
        user_id = f"u.{quote(user_model._meta.pk.column)}"
        permissions = ""
        if connection.vendor == "postgresql":
            permissions = f", {permission_names_column(user_id)}"
        sql = (
            f"SELECT {session_shape[0]}, {user_shape[0]}{permissions}"  # noqa: S608
            f" FROM {quote(model._meta.db_table)} t"
            f" LEFT JOIN {quote(user_model._meta.db_table)} u ON {user_id} = t.user_id"
            " WHERE t.session_key = %s AND t.expire_date > %s"
        )
        with prepared_cursor() as cursor:
            cursor.execute(sql, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        split = len(session_shape[1])
        session = instance(model, session_shape, row[:split])
        user_values = row[split : split + len(user_shape[1])]
        user = None
        # No user row joined (none signed in, or the user deleted): its key is null.
        if user_values[user_shape[1].index(user_model._meta.pk.attname)] is not None:
            user = instance(user_model, user_shape, user_values)
            if permissions:
                user._perm_cache = set(row[-1])
        self.read_user = (str(session.user_id), user)
        return session


def signed_in_user(request):
    """Django's auth.get_user for the request, letting the backend take the user its session
    store read with the session."""
    if not hasattr(request, "_cached_user"):
        token = _SIGNING_IN.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _SIGNING_IN.reset(token)
    return request._cached_user


def user_read_with_session(user_id) -> tuple[bool, object]:
    """(True, the user or None) when the session being signed in from read the user `user_id`
    (the id it keeps, as a string) with itself; (False, None) otherwise."""
    read = getattr(_SIGNING_IN.get(), "read_user", None)
    if read is None or read[0] != str(user_id):
        return False, None
    return True, read[1]
