"""Sessions in the database, as Django keeps them, read by plain SQL: every request of a
signed-in user reads its session (netpoint.core.plainsql)."""

from django.contrib.sessions.backends import db
from django.utils import timezone

from netpoint.core.plainsql import instances


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        where = "t.session_key = %s AND t.expire_date > %s"
        found = instances(self.model, where, [self.session_key, timezone.now()])
        if not found:
            self._session_key = None
            return None
        return found[0]
