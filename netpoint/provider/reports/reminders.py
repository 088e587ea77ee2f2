"""A reminder of a due report, mailed once to those who may make it: the provider's reports and
any module's own (a module imports this; the core never imports a module)."""

import logging
import smtplib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from netpoint.provider.reports import due
from netpoint.provider.reports.models import ReminderSent

log = logging.getLogger(__name__)


class Mailed(Enum):
    SENT = "sent"
    BEFORE = "sent before"
    # The mail server did not take it: not recorded, so the next run tries it again.
    FAILED = "failed"


class Reminded(NamedTuple):
    sent: int
    failed: int

    def __str__(self) -> str:
        line = f"{self.sent} reminders sent"
        if self.failed:
            line += f"; {self.failed} not taken by the mail server, tried again on the next run"
        return line


def makers(app_label: str, codename: str) -> list[str]:
    """The addresses of active users who hold the permission (or are superusers)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    holders = users.filter(
        Q(
            groups__permissions__codename=codename,
            groups__permissions__content_type__app_label=app_label,
        )
        | Q(is_superuser=True)
    )
    return sorted(set(holders.values_list("email", flat=True)))


def mail_once(
    kind: str,
    due_on: date,
    days_before: int,
    now: datetime,
    message: tuple[str, str],
    recipients: list[str],
) -> Mailed:
    """Record and mail (subject, body) unless this reminder was sent before: the job can run
    as often as one likes. A failure to send rolls the record back and is logged by its kind
    only (no addresses)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                kind=kind, due_on=due_on, days_before=days_before, sent_at=now
            )
            if recipients:
                send_mail(*message, None, recipients)
    except IntegrityError:
        return Mailed.BEFORE
    except (OSError, smtplib.SMTPException) as failure:
        log.warning("report reminder not sent: %s", type(failure).__name__)
        return Mailed.FAILED
    return Mailed.SENT


def remind(
    entries: Iterable,
    today: date,
    days_before: tuple[int, ...],
    now: datetime,
    message: Callable[..., tuple[str, str]],
    recipients: list[str],
) -> Reminded:
    """Mail each reminder that has come by today for every calendar entry (with .due and
    .status) not done, once; how many went out, and how many the mail server refused."""
    results = [
        mail_once(entry.due.kind, entry.due.due_on, days, now, message(entry), recipients)
        for entry in entries
        if entry.status != "done"
        for days in due.reminders_due(entry.due, today, days_before)
    ]
    return Reminded(results.count(Mailed.SENT), results.count(Mailed.FAILED))
