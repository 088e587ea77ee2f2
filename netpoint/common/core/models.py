from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class FailedAttempts(models.Model):
    """Failed guesses (of a pairing code, an enrolment code, a member's password) from one
    address or station, counted from the first in a window (netpoint.common.core.ratelimit)."""

    scope = models.CharField(max_length=20)
    who = models.CharField(max_length=64)  # an address or a station's id, never a person
    first_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "who"], name="failed_attempts_once_per_who")
        ]

    def __str__(self):
        return f"{self.scope} {self.who}: {self.count}"


class SignedInSession(AbstractBaseSession):
    """Django's session with the id of the user signed in by it beside its data, so that each
    request reads the session and its user in one statement (netpoint.common.core.sessions)."""

    user_id = models.IntegerField(null=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        db_table = "core_signed_in_session"

    @classmethod
    def get_session_store_class(cls):
        from netpoint.common.core.sessions import SessionStore

        return SessionStore
