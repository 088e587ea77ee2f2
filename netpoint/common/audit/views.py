"""The auditor's page: the audit log, filtered, newest first, with the chain's state."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.dateparse import parse_date

from netpoint.common.audit import services, words
from netpoint.common.audit.models import AuditEntry
from netpoint.common.core.policy import local_tz


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    action: str
    details: list[words.Line]


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def audit_log(request):
    entries = AuditEntry.objects.order_by("-seq")
    action = request.GET.get("action", "")[:40]
    if action:
        entries = entries.filter(action=action)
    actor = request.GET.get("actor", "").strip()[:150]
    if actor:
        entries = entries.filter(actor__icontains=actor)
    day = _day(request.GET.get("day", ""))
    if day:
        start = datetime.combine(day, time(0), tzinfo=local_tz())
        entries = entries.filter(at__gte=start, at__lt=start + timedelta(days=1))
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    codes = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    context = {
        "page": page,
        "rows": [
            Row(entry, words.action_words(entry.action), words.detail_lines(entry.detail))
            for entry in page
        ],
        "action": action,
        "actor": actor,
        "day": request.GET.get("day", ""),
        "actions": sorted(((code, words.action_words(code)) for code in codes), key=lambda a: a[1]),
        "problems": services.verify() if request.GET.get("verify") else None,
    }
    return render(request, "audit/log.html", context)


def _day(text: str) -> date | None:
    try:
        return parse_date(text[:10])
    except ValueError:  # well formed but not a day, like 2026-02-30
        return None
