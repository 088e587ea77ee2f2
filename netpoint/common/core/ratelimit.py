"""Counting failed attempts (pairing codes, enrolment codes, member passwords) so they cannot
be guessed. The counts live in the database, not in the process: the provider runs one process
per core (docs/DEPLOY.md), and a count kept by each would multiply the limit by their number."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F

from netpoint.common.core import clock
from netpoint.common.core.models import FailedAttempts

# A count runs for this long from its first failure, then starts again.
WINDOW = timedelta(minutes=5)


def _running(scope: str, who: str, now):
    return FailedAttempts.objects.filter(scope=scope, who=who, first_at__gt=now - WINDOW)


def blocked(scope: str, who: str, limit: int) -> bool:
    return _running(scope, who, clock.now()).filter(count__gte=limit).exists()


def failed(scope: str, who: str) -> None:
    now = clock.now()
    if _running(scope, who, now).update(count=F("count") + 1):
        return
    with transaction.atomic():
        # A new count: the ended ones go, this one's included.
        FailedAttempts.objects.filter(first_at__lte=now - WINDOW).delete()
        try:
            with transaction.atomic():
                FailedAttempts.objects.create(scope=scope, who=who, first_at=now)
        except IntegrityError:  # another process started it meanwhile
            FailedAttempts.objects.filter(scope=scope, who=who).update(count=F("count") + 1)


def clear(scope: str, who: str) -> None:
    FailedAttempts.objects.filter(scope=scope, who=who).delete()
