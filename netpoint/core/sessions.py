"""Sessions in the database, as Django keeps them, read by plain SQL: every request of a
signed-in user reads its session, and compiling the ORM's query cost more than running it."""

from django.contrib.sessions.backends import db
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        table = self.model._meta.db_table
        found = list(
            self.model.objects.raw(
                f"SELECT * FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608
                [self.session_key, timezone.now()],
            )
        )
        if not found:
            self._session_key = None
            return None
        return found[0]
