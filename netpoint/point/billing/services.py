"""The cashier's till: shifts, the ledger, and the shift report."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum

from netpoint.common.core import clock
from netpoint.point.billing.models import LedgerEntry, Shift


def current_shift(cashier) -> Shift | None:
    if cashier is None:
        return None
    shift = Shift.objects.filter(cashier=cashier, closed_at__isnull=True).first()
    return shift or Shift.objects.create(cashier=cashier, opened_at=clock.now())


def record(kind: str, *, cashier=None, at=None, **fields) -> LedgerEntry:
    """Append one entry; callers run inside the transaction that makes the change it records."""
    return LedgerEntry.objects.create(
        kind=kind, cashier=cashier, shift=current_shift(cashier), at=at or clock.now(), **fields
    )


@dataclass(frozen=True)
class ShiftReport:
    shift: Shift
    lines: list[dict]  # per kind: kind, label, count, cash, balance_change
    cash_in: int
    cash_out: int
    expected_cash: int
    sessions_closed: int

    @property
    def difference(self) -> int | None:
        if self.shift.counted_cash is None:
            return None
        return self.shift.counted_cash - self.expected_cash


def shift_report(shift: Shift) -> ShiftReport:
    entries = shift.entries.all()
    labels = dict(LedgerEntry.Kind.choices)
    lines = [
        {**row, "label": labels.get(row["kind"], row["kind"])}
        for row in entries.values("kind")
        .annotate(count=Count("id"), cash=Sum("cash"), balance_change=Sum("balance_change"))
        .order_by("kind")
    ]
    totals = entries.aggregate(
        cash_in=Sum("cash", filter=Q(cash__gt=0), default=0),
        cash_out=Sum("cash", filter=Q(cash__lt=0), default=0),
    )
    cash_in, cash_out = totals["cash_in"], -totals["cash_out"]
    return ShiftReport(
        shift=shift,
        lines=lines,
        cash_in=cash_in,
        cash_out=cash_out,
        expected_cash=shift.opening_cash + cash_in - cash_out,
        sessions_closed=entries.filter(kind=LedgerEntry.Kind.CHECK_OUT).count(),
    )


@transaction.atomic
def close_shift(shift: Shift, counted_cash: int) -> Shift:
    shift.closed_at = clock.now()
    shift.counted_cash = counted_cash
    shift.save(update_fields=["closed_at", "counted_cash"])
    return shift
