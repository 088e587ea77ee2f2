"""Counting failed attempts (pairing codes, enrolment codes, member passwords) so they cannot
be guessed. The counts live in the database, not in the process: the provider runs one process
per core (docs/DEPLOY.md), and a count kept by each would multiply the limit by their number."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F

from netpoint.common.core import clock
from netpoint.common.core.models import FailedAttempts

# A count runs for this long from its first failure, then starts again (unless a scope
# names its own window, at most LONGEST).
WINDOW = timedelta(minutes=5)
LONGEST = timedelta(days=1)


def _running(scope: str, who: str, now, window: timedelta):
    return FailedAttempts.objects.filter(scope=scope, who=who, first_at__gt=now - window)


def blocked(scope: str, who: str, limit: int, *, window: timedelta = WINDOW) -> bool:
    return _running(scope, who, clock.now(), window).filter(count__gte=limit).exists()


def failed(scope: str, who: str, *, window: timedelta = WINDOW) -> None:
    now = clock.now()
    if _running(scope, who, now, window).update(count=F("count") + 1):
        return
    with transaction.atomic():
        # A new count: the ended ones go, this one's included.
        FailedAttempts.objects.filter(scope=scope, first_at__lte=now - window).delete()
        FailedAttempts.objects.filter(first_at__lte=now - LONGEST).delete()
        try:
            with transaction.atomic():
                FailedAttempts.objects.create(scope=scope, who=who, first_at=now)
        except IntegrityError:  # another process started it meanwhile
            FailedAttempts.objects.filter(scope=scope, who=who).update(count=F("count") + 1)


def clear(scope: str, who: str) -> None:
    FailedAttempts.objects.filter(scope=scope, who=who).delete()
