"""What the owner's pages read: the dashboard's facts from the ledger and the sessions, a
customer's history from the audit log, and the dashboard as an .xlsx workbook. Nothing here
writes: changes go through the customers', sessions' and stations' services."""

import io
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from netpoint.common.audit.models import AuditEntry
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.owner import figures
from netpoint.point.sessions.models import Session
from netpoint.point.stations.models import Station

MAX_DAYS = 366


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    tz = local_tz()
    start = datetime.combine(first, datetime.min.time(), tz)
    return start, datetime.combine(last + timedelta(days=1), datetime.min.time(), tz)


def dashboard(first: date, last: date) -> figures.Dashboard:
    start, end = day_range(first, last)
    settled = Session.objects.filter(
        settled_at__gte=start, settled_at__lt=end, charge__isnull=False
    ).values_list("settled_at", "station__zone__name", "charge")
    charges = [figures.Charge(at, zone, amount) for at, zone, amount in settled]
    entries = (
        LedgerEntry.objects.filter(at__gte=start, at__lt=end)
        .filter(~Q(cash=0) | Q(kind=LedgerEntry.Kind.TOP_UP))
        .values_list(
            "at",
            "cash",
            "kind",
            "balance_change",
            "shift_id",
            "shift__cashier__username",
            "shift__opened_at",
        )
    )
    tz = local_tz()
    cash = [
        figures.Cash(
            at,
            f"{cashier} {opened_at.astimezone(tz):%d/%m %H:%M}" if shift_id else _("Ngoài ca"),
            amount,
            top_up=change if kind == LedgerEntry.Kind.TOP_UP else 0,
        )
        for at, amount, kind, change, shift_id, cashier, opened_at in entries
    ]
    now = clock.now()
    used = [
        figures.Used(started, ended or now)
        for started, ended in Session.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=start), started_at__lt=end
        ).values_list("started_at", "ended_at")
    ]
    return figures.dashboard(first, last, charges, cash, used, Station.objects.count(), local_tz())


def history(customer_id: int) -> list[AuditEntry]:
    """The audit log's entries about a customer, newest first."""
    return list(AuditEntry.objects.filter(target=f"customer:{customer_id}").order_by("-seq")[:100])


def workbook(board: figures.Dashboard) -> bytes:
    """The dashboard's tables as an .xlsx workbook, one sheet a table, amounts as numbers
    (VND) with a total row."""
    book = Workbook()
    book.remove(book.active)
    tables = (
        (_("Doanh thu theo ngày"), _("Ngày"), board.by_day),
        (_("Doanh thu theo khu vực"), _("Khu vực"), board.by_zone),
        (_("Tiền mặt theo ca"), _("Ca"), board.by_shift),
        (_("Nạp tiền theo ngày"), _("Ngày"), board.top_ups),
    )
    for title, label, rows in tables:
        sheet = book.create_sheet(title[:31])
        sheet.append([label, _("Số tiền (VND)")])
        for row in rows:
            sheet.append([row.label, row.amount])
        sheet.append([_("Tổng"), sum(row.amount for row in rows)])
        for cell in (*sheet[1], *sheet[sheet.max_row]):
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 16
    sheet = book.create_sheet(_("Công suất theo giờ"))
    sheet.append([_("Giờ"), _("Tỷ lệ máy dùng (%)")])
    for row in board.occupancy:
        sheet.append([row.label, row.amount])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
