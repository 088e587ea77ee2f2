"""A reminder of a due report, mailed once to those who may make it: the provider's reports and
any module's own (a module imports this; the core never imports a module)."""

from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from netpoint.provider.reports import due
from netpoint.provider.reports.models import ReminderSent


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
) -> bool:
    """Record and mail (subject, body) unless this reminder was sent before: the job can run
    as often as one likes."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                kind=kind, due_on=due_on, days_before=days_before, sent_at=now
            )
            if recipients:
                send_mail(*message, None, recipients)
    except IntegrityError:
        return False  # sent before
    return True


def remind(
    entries: Iterable,
    today: date,
    days_before: tuple[int, ...],
    now: datetime,
    message: Callable[..., tuple[str, str]],
    recipients: list[str],
) -> int:
    """Mail each reminder that has come by today for every calendar entry (with .due and
    .status) not done, once; how many went out."""
    sent = 0
    for entry in entries:
        if entry.status == "done":
            continue
        for days in due.reminders_due(entry.due, today, days_before):
            sent += mail_once(
                entry.due.kind, entry.due.due_on, days, now, message(entry), recipients
            )
    return sent
