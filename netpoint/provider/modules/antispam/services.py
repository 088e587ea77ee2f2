"""The anti-spam module's writes, but for the check before sending: the API tokens of the
customers' sending systems, opt-out requests, the Do-Not-Call list and ad messages.

The check before sending, which records the sends it allows and keeps those records (folding
the counts, deleting idle recipients), is in checks.py with its SQL."""

import csv
import hashlib
import io
import time as time_module
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from netpoint.common import tokens
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.antispam import periods, recipients, tallies
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.models import (
    AdMessage,
    ApiToken,
    ArchivedReport,
    Customer,
    DoNotCall,
    FrozenOptOuts,
    OptOutRequest,
    Suppression,
    new_reference,
)
from netpoint.provider.modules.antispam.policy import CHANNELS
from netpoint.provider.records.retention import held_cutoff

# --- Tokens of the customers' sending systems (netpoint.common.tokens) ---------------------

TOKEN_PREFIX = "npas_"
_token_cache: dict[str, tuple[float, Customer | None]] = {}
# A revoked token keeps working on a process that saw it for at most this long.
TOKEN_CACHE_SECONDS = 10.0


def issue_token(customer: Customer, label: str = "") -> str:
    """The token's secret, shown once; only its hash is kept."""
    return tokens.issue(ApiToken, TOKEN_PREFIX, customer=customer, label=label).secret


def revoke_token(token: ApiToken) -> None:
    tokens.revoke(token)
    _token_cache.clear()


def customer_for_token(secret: str) -> Customer | None:
    """The customer a live token belongs to, remembered for a few seconds: a sending system
    checks thousands of times a second."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > tokens.MAX_SECRET_LENGTH:
        return None
    digest = tokens.digest(secret)
    cached = _token_cache.get(digest)
    if cached and time_module.monotonic() - cached[0] < TOKEN_CACHE_SECONDS:
        return cached[1]
    found = tokens.find(ApiToken.objects.select_related("customer"), secret)
    customer = found.customer if found else None
    _token_cache[digest] = (time_module.monotonic(), customer)
    return customer


# --- Opt-out requests -------------------------------------------------------------------------


def _confirmation_text(at: datetime, reference: str) -> str:
    local = timezone.localtime(at, local_tz()).strftime("%H:%M %d/%m/%Y")
    return (
        f"Đã nhận yêu cầu từ chối của quý khách lúc {local}, số tham chiếu {reference}. "
        "Quý khách sẽ không nhận thêm quảng cáo qua kênh này."
    )


def register_optout(
    *,
    via: str,
    channel: str,
    address: str = "",
    index: str = "",
    customer: Customer | None = None,
    entered_by: str = "",
    force_majeure: str = "",
    source_ref: str = "",
    confirm=None,
) -> OptOutRequest:
    """Registers, confirms and processes one request at once. A request whose recipient
    cannot be made out (or that staff mark so) is kept as not processable, with the reason.
    `confirm(text)` sends the confirmation back the way the request came (SMS, e-mail)."""
    now = clock.now()
    sealed = ""
    if address and not index:
        try:
            normalised = recipients.normalise(channel, address)
        except recipients.InvalidRecipient:
            force_majeure = force_majeure or (
                "Không xác định được địa chỉ thư điện tử của người nhận."
                if channel == "email"
                else "Không xác định được số điện thoại của người nhận."
            )
        else:
            index = recipients.index_of(channel, normalised)
            sealed = recipients.sealed(normalised)
    if not index and not force_majeure:
        force_majeure = "Yêu cầu không cho biết người nhận."
    reference = new_reference()
    text = _confirmation_text(now, reference)
    with transaction.atomic():
        request = OptOutRequest.objects.create(
            reference=reference,
            via=via,
            channel=channel,
            customer=customer,
            recipient=index,
            recipient_sealed=sealed,
            received_at=now,
            confirmed_at=now,
            confirmation=text,
            entered_by=entered_by,
            source_ref=source_ref,
            status=(
                OptOutRequest.Status.NOT_PROCESSABLE
                if force_majeure
                else OptOutRequest.Status.PROCESSED
            ),
            force_majeure=force_majeure,
            processed_at=None if force_majeure else now,
        )
        if not force_majeure:
            Suppression.objects.get_or_create(
                recipient=index, channel=channel, customer=customer, defaults={"since": now}
            )
    if confirm is not None:
        confirm(text)
    return request


def already_registered(source_ref: str) -> bool:
    return bool(source_ref) and OptOutRequest.objects.filter(source_ref=source_ref).exists()


def ref_of(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest() if value else ""


def delete_expired_optouts() -> int:
    """Requests go once they are older than the keeping time and the report that lists
    them (the records report of their half-year, due 15/05 or 15/11) is past due: up to ~196
    days. The suppressions they made stay, and so do the counts of every closed period,
    frozen first (the year's report and a late report read those)."""
    freeze_closed_periods()
    now, days = clock.now(), conf().optout_keep_days
    # A storage request (Nghị định 53/2022) holds them too, as every kind of user data.
    cutoff = held_cutoff(min(now - timedelta(days=days), _listed_until()), now, days)
    deleted, _by_model = OptOutRequest.objects.filter(received_at__lt=cutoff).delete()
    return deleted


def _listed_until() -> datetime:
    """The end of the last period whose records report is past due: requests received
    after it are still to be reported."""
    settings, today = conf(), _today()
    past = [
        due
        for due in periods.dues_between(date(today.year - 2, 1, 1), today, settings.report_due)
        if due < today
    ]
    _start, end = periods.period_for(past[-1], settings.report_period_months)
    return tallies.bounds(end, end)[1]


# --- Closed periods' frozen counts ------------------------------------------------------------
# A request is kept 184 days, or until its half-year's reports are due (up to ~196 days):
# the records report lists the requests themselves. The year's report (due 15/11) counts
# requests up to 12.5 months old, and a report may be made late: keeping each request (a
# sealed address) until then would double how long personal data is kept, so the counts of
# a period are frozen when it closes, and every report of a closed period reads them; a
# closed period's figures then never change either (REQUIREMENTS E.3).


def _today():
    return clock.now().astimezone(local_tz()).date()


def frozen_optouts(channel: str, start: date, end: date) -> tallies.OptOutTally:
    """A closed period's counts: frozen at the first need (the retention job, or a report)
    and read as frozen from then on."""
    if end >= _today():
        raise ValueError("the period has not closed yet")
    row = FrozenOptOuts.objects.filter(channel=channel, period_start=start).first()
    if row is None:
        tally = tallies.count(channel, start, end)
        row, _created = FrozenOptOuts.objects.get_or_create(
            channel=channel,
            period_start=start,
            defaults={
                "period_end": end,
                "frozen_at": clock.now(),
                "counts": tally.counts,
                "reasons": tally.reasons,
            },
        )
    return tallies.OptOutTally(row.counts, row.reasons)


def freeze_closed_periods() -> int:
    """Freezes every closed period that still holds a kept request; returns how many."""
    oldest = OptOutRequest.objects.order_by("received_at").values_list("received_at", flat=True)
    if not oldest:
        return 0
    settings, today = conf(), _today()
    day = oldest[0].astimezone(local_tz()).date()
    frozen = 0
    while True:
        start, end = periods.period_of(day, settings.report_due, settings.report_period_months)
        if end >= today:
            return frozen
        for channel in CHANNELS:
            if not FrozenOptOuts.objects.filter(channel=channel, period_start=start).exists():
                frozen_optouts(channel, start, end)
                frozen += 1
        day = end + timedelta(days=1)


def optouts_between(channel: str, start: date, end: date) -> tallies.OptOutTally:
    """The counts of `start`..`end`: each closed reporting period in it from its frozen
    counts, an open one (or a range off the periods' bounds, an ad-hoc report) counted from
    the kept requests."""
    settings = conf()
    parts = periods.split(start, end, settings.report_due, settings.report_period_months)
    if parts is None:
        return tallies.count(channel, start, end)
    total = tallies.OptOutTally()
    for first, last in parts:
        closed = last < _today()
        total = total.plus(
            frozen_optouts(channel, first, last) if closed else tallies.count(channel, first, last)
        )
    return total


# --- The archive of report files ---------------------------------------------------------------


def archive_report(
    *, kind: str, form: str, start: date, end: date, by: str, file_name: str, body: bytes
) -> ArchivedReport:
    return ArchivedReport.objects.create(
        kind=kind,
        form=form,
        period_start=start,
        period_end=end,
        generated_at=clock.now(),
        generated_by=by,
        file_name=file_name,
        content=body,
        sha256=hashlib.sha256(body).hexdigest(),
    )


def purge_archived_records() -> int:
    """The files of records reports older than the requests' keeping time go (they list
    recipients); each keeps its hash, period and maker."""
    since = clock.now() - timedelta(days=conf().optout_keep_days)
    return ArchivedReport.objects.filter(
        kind=ArchivedReport.Kind.RECORDS, generated_at__lt=since, purged_at__isnull=True
    ).update(content=b"", purged_at=clock.now())


# --- The Do-Not-Call list ------------------------------------------------------------------------


class ImportRefused(ValueError):
    def __init__(self, bad_lines: list[int]):
        super().__init__(f"{len(bad_lines)} bad lines")
        self.bad_lines = bad_lines


def import_dnc(text: str, source: str = "") -> tuple[int, int]:
    """A CSV whose first column is a phone number (a header line is allowed). Every line must
    be a number, or nothing is imported. Returns (numbers read, numbers new to the list)."""
    indexes, bad = [], []
    for line_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        try:
            indexes.append(recipients.recipient_index("sms", row[0]))
        except recipients.InvalidRecipient:
            if line_number == 1 and not any(ch.isdigit() for ch in row[0]):
                continue  # the header
            bad.append(line_number)
    if bad:
        raise ImportRefused(bad)
    unique = sorted(set(indexes))
    now = clock.now()
    with transaction.atomic():
        before = DoNotCall.objects.count()
        DoNotCall.objects.bulk_create(
            [DoNotCall(recipient=i, added_at=now, source=source[:200]) for i in unique],
            ignore_conflicts=True,
            batch_size=5000,
        )
        added = DoNotCall.objects.count() - before
    return len(indexes), added


def on_dnc(phone: str) -> bool:
    return DoNotCall.objects.filter(recipient=recipients.recipient_index("sms", phone)).exists()


# --- Ad messages -------------------------------------------------------------------------------


def new_message(customer: Customer, **fields) -> AdMessage:
    return AdMessage.objects.create(customer=customer, created_at=clock.now(), **fields)
