"""The monitoring app's writes, and only they: a violation's state set by the one who handles
it, and the violations job (`netpoint violations`), which applies the rules (rules.py) to every
province's recent records, stores what they find once and e-mails it once.

Reading is elsewhere: scope.py (whose points one may see), figures.py (the dashboard)."""

import json
import logging
import smtplib
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from netpoint.common.audit import services as audit
from netpoint.common.core import clock, plainsql
from netpoint.common.core.policy import limits, local_tz
from netpoint.provider.accessrecords.models import UnattributedAccess
from netpoint.provider.authority.models import Member, Organisation
from netpoint.provider.monitoring import rules, wording
from netpoint.provider.monitoring.conf import conf
from netpoint.provider.monitoring.figures import last_beats
from netpoint.provider.monitoring.models import (
    Notice,
    ReleasedSoftware,
    StationSilence,
    Violation,
)
from netpoint.provider.monitoring.scope import Scope
from netpoint.provider.records.models import Person, PointPerson, SessionRecord
from netpoint.provider.registry.conf import conf as provider_conf
from netpoint.provider.registry.policy import policies_of

logger = logging.getLogger(__name__)


class NoticesSent(NamedTuple):
    sent: int
    pending: int
    next_try_at: datetime | None  # of the first notice still waiting


class JobDone(NamedTuple):
    noticed: list[Violation]  # the violations new to the notices
    mail: NoticesSent


def set_state(violation: Violation, user, state: str, note: str) -> None:
    if state not in (Violation.State.ACKNOWLEDGED, Violation.State.RESOLVED):
        raise ValueError(state)
    violation.state = state
    violation.handled_by = user
    violation.handled_at = clock.now()
    violation.note = note
    violation.save(update_fields=["state", "handled_by", "handled_at", "note"])
    audit.record(
        "violation_" + state, user=user, target=violation.point.code, detail={"id": violation.pk}
    )


# The violations job.


def recent_sessions(sessions, since: datetime):
    """Of `sessions`, those started since `since` and those never ended. Two queries joined,
    not one with OR: on PostgreSQL the first reads only the partitions holding the time since,
    the second only the index of sessions never ended or long (records migration 0006), where
    the OR read every partition whole (1.5 s over 10M sessions in day partitions, each time the
    job reads them)."""
    return sessions.filter(started_at__gte=since).union(
        sessions.filter(started_at__lt=since, ended_at__isnull=True), all=True
    )


def _pauses(stored) -> tuple:
    """A session's pauses as the point sent them (JSON, read as text or as lists)."""
    if isinstance(stored, str):
        stored = json.loads(stored)
    return tuple(
        (datetime.fromisoformat(start), end and datetime.fromisoformat(end))
        for start, end in stored or ()
    )


def gather(now: datetime, points) -> list[rules.Finding]:
    """Every rule over the points' recent records."""
    tz = local_tz()
    policy = limits()
    lookback = now - timedelta(hours=conf().lookback_hours)
    point_list = list(points)
    # Subqueries, not lists of ids: the database joins them, however many points and people.
    ids = points.values("pk")
    recent = recent_sessions(SessionRecord.objects.filter(point_id__in=ids), lookback)
    fields = ("point_id", "local_id", "station", "person_id", "started_at", "ended_at")
    sessions = [rules.SessionFact(*row) for row in plainsql.rows(recent.values_list(*fields))]
    seen = recent.values("person_id")
    births = dict(Person.objects.filter(pk__in=seen).values_list("pk", "date_of_birth"))
    # Who may have been a minor on some day of the look-back (the rule decides per day); a
    # minor's day counts at every point, including points outside this run's scope.
    young = Person.objects.filter(pk__in=seen, date_of_birth__gt=_years_before(lookback, policy))
    minors = SessionRecord.objects.filter(person_id__in=young.values("pk"))
    # Only minors' play is counted, so only their sessions' pauses are read.
    minor_sessions = [
        rules.SessionFact(*row, pauses=_pauses(pauses), minutes_unconfirmed=unconfirmed)
        for *row, pauses, unconfirmed in plainsql.rows(
            recent_sessions(minors, lookback).values_list(*fields, "pauses", "minutes_unconfirmed")
        )
    ]
    registrations = {}
    for point_id, person_id, registered_at, guardian_id, id_type, born in plainsql.rows(
        PointPerson.objects.filter(point_id__in=ids, person_id__in=seen)
        .order_by("-registered_at")
        .values_list(
            "point_id",
            "person_id",
            "registered_at",
            "guardian_id",
            "person__id_type",
            "person__date_of_birth",
        )
    ):
        # The earliest registration of the person at the point is the one that counts.
        earlier = registrations.get((point_id, person_id))
        registrations[(point_id, person_id)] = rules.RegistrationFact(
            registered_at,
            id_type,
            born,
            guardian_id is not None or (earlier is not None and earlier.has_guardian),
        )
    beats = [
        rules.BeatFact(b.point_id, b.at, b.software_version, b.software_hash, b.stations_in_use)
        for b in last_beats(points, lookback).values()
    ]
    releases = [
        rules.Release(*row)
        for row in ReleasedSoftware.objects.values_list("version", "software_hash", "released_on")
    ]
    unattributed = [
        rules.UnattributedFact(*row)
        for row in UnattributedAccess.objects.filter(point_id__in=ids, minute__gte=lookback)
        .values_list("point_id", "address", "station", "minute", "destination", "count")
        .iterator()
    ]
    silences = [
        rules.SilenceFact(*row)
        for row in StationSilence.objects.filter(
            point_id__in=ids, last_seen__gte=lookback
        ).values_list("point_id", "station", "last_seen", "noticed_at")
    ]
    # The hours each point was sent in its signed policy (its own, its province's, national).
    hours_of = {pk: policy.hours for pk, policy in policies_of(point_list).items()}
    in_scope = {p.pk for p in point_list}
    return (
        rules.after_hours(sessions, hours_of, now, tz)
        + [
            f
            for f in rules.minors_over_limit(
                minor_sessions, births, now, tz, policy.adult_age, policy.minor_daily_seconds
            )
            if f.point_id in in_scope
        ]
        + rules.without_identity(
            sessions,
            registrations,
            set(conf().accepted_id_types),
            policy.guardian_age,
            tz,
        )
        + rules.silent_in_use(beats, now, timedelta(minutes=conf().silent_after_minutes), tz)
        + rules.software(beats, releases, tz)
        + rules.licences(
            [(p.pk, p.licence_expires_on) for p in point_list],
            now,
            tz,
            provider_conf().licence_warning_days,
        )
        + rules.no_session_access(
            unattributed,
            tz,
            timedelta(minutes=conf().no_session_gap_minutes),
            conf().no_session_min_lines,
        )
        + rules.stations_silent(silences, tz)
    )


def _years_before(instant: datetime, policy) -> date:
    """A day a little over the adult age before `instant`: anyone born after it may still
    have been a minor then."""
    return date(instant.astimezone(local_tz()).year - policy.adult_age - 1, 1, 1)


def find_violations(now: datetime | None = None) -> JobDone:
    """Store what the rules find; a finding already stored is left as it is (its state kept),
    so running the job again changes nothing. The new ones are e-mailed once (notify)."""
    now = now or clock.now()
    points = Scope(None).points()
    findings = gather(now, points)
    # Most findings were stored by earlier runs: leave them out before inserting (the unique
    # constraint still guards against a run at the same moment).
    licence = set(rules.LICENCE_KINDS.values())
    since = min((f.occurred_at for f in findings if f.kind not in licence), default=now)
    known = set(
        Violation.objects.filter(Q(occurred_at__gte=since) | Q(kind__in=licence)).values_list(
            "kind", "key"
        )
    )
    fresh = [
        Violation(
            point_id=f.point_id,
            kind=f.kind,
            key=f.key,
            occurred_at=f.occurred_at,
            evidence=f.evidence,
            found_at=now,
        )
        for f in findings
        if (f.kind, f.key) not in known
    ]
    Violation.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=1000)
    _grow([f for f in findings if f.kind in GROWING and (f.kind, f.key) in known])
    _close_past_licence_findings(findings, points, now)
    return notify(now)


# Why a licence finding no longer holds (stored as the violation's note).
LICENCE_NOW_EXPIRED = "Tự động đóng: giấy phép đã hết hạn, xem vi phạm “Giấy phép đã hết hạn”."
LICENCE_RENEWED = "Tự động đóng: giấy phép đã được gia hạn."


def _close_past_licence_findings(findings: list[rules.Finding], points, now: datetime) -> None:
    """A licence about to expire is one finding until it expires, then the expired one takes
    over; either ends when the registry holds a new expiry date. The finding that no longer
    holds is closed with the reason, in the audit log under the job's name; one a handler
    already closed is left as it is."""
    licence = set(rules.LICENCE_KINDS.values())
    holding = {(f.kind, f.key) for f in findings if f.kind in licence}
    past = (
        Violation.objects.filter(kind__in=licence, point__in=points)
        .exclude(state=Violation.State.RESOLVED)
        .select_related("point")
    )
    for violation in past:
        if (violation.kind, violation.key) in holding:
            continue
        expires_on = violation.point.licence_expires_on
        renewed = expires_on is None or violation.key not in {
            rules.licence_key(violation.point_id, state, expires_on)
            for state in rules.LICENCE_KINDS
        }
        violation.state = Violation.State.RESOLVED
        violation.handled_at = now
        violation.note = LICENCE_RENEWED if renewed else LICENCE_NOW_EXPIRED
        violation.save(update_fields=["state", "handled_at", "note"])
        audit.record(
            "violation_resolved",
            actor="violations",
            target=violation.point.code,
            detail={"id": violation.pk},
        )


# Findings that go on after they are first found (traffic with no session, minute after
# minute): their evidence is brought up to date; their state stays the handler's.
GROWING = {"no_session_access"}


def _grow(findings: list[rules.Finding]) -> None:
    for finding in findings:
        Violation.objects.filter(kind=finding.kind, key=finding.key).update(
            evidence=finding.evidence
        )


def notify(now: datetime) -> JobDone:
    """Notice each new violation, once, to the Sở of its province and the point's
    enterprise, then send the notices that are due."""
    noticed = queue_notices(now)
    return JobDone(noticed, send_notices(now))


def queue_notices(now: datetime) -> list[Violation]:
    """One notice per set of recipients for the violations not yet in one: the rows are
    claimed under lock so two runs at once do not both notice them."""
    with transaction.atomic():
        pending = list(
            Violation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("point__enterprise")
            .filter(notified_at__isnull=True, notice__isnull=True)
            .order_by("point__province_code", "occurred_at")
        )
        departments = _department_addresses({v.point.province_code for v in pending})
        by_recipients: dict[tuple[str, ...], list[Violation]] = defaultdict(list)
        for violation in pending:
            point = violation.point
            addresses = set(departments.get(point.province_code, ()))
            if point.enterprise.contact_email:
                addresses.add(point.enterprise.contact_email)
            by_recipients[tuple(sorted(addresses))].append(violation)
        for recipients, violations in by_recipients.items():
            ids = [v.pk for v in violations]
            if not recipients:  # nobody to tell: noticed as it is
                Violation.objects.filter(pk__in=ids).update(notified_at=now)
                continue
            notice = Notice.objects.create(
                recipients=list(recipients),
                subject=_("[Netpoint] %(count)s vi phạm mới tại các điểm truy nhập")
                % {"count": len(violations)},
                body=_mail_body(violations),
                created_at=now,
                next_try_at=now,
            )
            Violation.objects.filter(pk__in=ids).update(notice=notice)
    return pending


def send_notices(now: datetime) -> NoticesSent:
    """Send every notice that is due, each under its own lock (two runs never send one
    twice). One the mail server does not take is logged without its addresses and tried
    again later, each wait twice the last: the job goes on."""
    sent = 0
    due = Notice.objects.filter(sent_at__isnull=True, next_try_at__lte=now).order_by("pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            notice = (
                Notice.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            notice.attempts += 1
            try:
                send_mail(notice.subject, notice.body, None, notice.recipients)
            except (OSError, smtplib.SMTPException) as error:
                wait = min(
                    conf().mail_retry_minutes * 2 ** (notice.attempts - 1),
                    conf().mail_retry_max_minutes,
                )
                notice.next_try_at = now + timedelta(minutes=wait)
                notice.last_error = type(error).__name__
                notice.save(update_fields=["attempts", "next_try_at", "last_error"])
                logger.warning(
                    "Violation notice %s not sent (try %s, %s); next try in %s minutes",
                    notice.pk,
                    notice.attempts,
                    notice.last_error,
                    wait,
                )
                continue
            notice.sent_at = now
            notice.save(update_fields=["attempts", "sent_at"])
            notice.violations.update(notified_at=now)
            sent += 1
    waiting = Notice.objects.filter(sent_at__isnull=True)
    return NoticesSent(
        sent,
        waiting.count(),
        waiting.order_by("next_try_at").values_list("next_try_at", flat=True).first(),
    )


def _department_addresses(provinces: set[int]) -> dict[int, set[str]]:
    """The e-mail addresses of the Sở members of each province."""
    members = (
        Member.objects.filter(
            organisation__kind=Organisation.Kind.DEPARTMENT_ICT,
            organisation__province_code__in=provinces,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organisation__province_code", "user__email")
    )
    found: dict[int, set[str]] = defaultdict(set)
    for province, address in members:
        found[province].add(address)
    return found


# A first run over a large network may find thousands: the mail lists the first ones.
MAIL_LINES = 200


def _mail_body(violations: list[Violation]) -> str:
    lines = [_("Hệ thống giám sát đã phát hiện các vi phạm sau:"), ""]
    tz = local_tz()
    for violation in violations[:MAIL_LINES]:
        when = violation.occurred_at.astimezone(tz).strftime("%H:%M %d/%m/%Y")
        lines.append(
            f"- {violation.point.code} {violation.point.name}: "
            f"{wording.summary(violation)} ({when})"
        )
    if len(violations) > MAIL_LINES:
        lines.append(_("… và %(count)s vi phạm khác.") % {"count": len(violations) - MAIL_LINES})
    lines += ["", _("Xem chi tiết và xử lý trên trang Giám sát của Netpoint.")]
    return "\n".join(lines)
