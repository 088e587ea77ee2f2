"""The cashier's till: shifts, the ledger, and the shift report."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.money import vnd
from netpoint.point.billing import vietqr
from netpoint.point.billing.conf import conf
from netpoint.point.billing.models import LedgerEntry, Receipt, Shift
from netpoint.point.customers.models import MemberAccount
from netpoint.point.stations import live

MAX_AMOUNT = 10_000_000


def opening_float() -> int:
    """The drawer holds what the last cashier counted when they closed their shift."""
    last = Shift.objects.filter(closed_at__isnull=False).order_by("-closed_at", "-pk").first()
    return last.counted_cash or 0 if last is not None else 0


def current_shift(cashier) -> Shift | None:
    if cashier is None:
        return None
    shift = Shift.objects.filter(cashier=cashier, closed_at__isnull=True).first()
    return shift or Shift.objects.create(
        cashier=cashier, opened_at=clock.now(), opening_cash=opening_float()
    )


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
    transfer_in: int = 0  # into the bank account (VietQR), not the drawer

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
        transfer_in=Sum("transfer", default=0),
    )
    cash_in, cash_out = totals["cash_in"], -totals["cash_out"]
    return ShiftReport(
        shift=shift,
        lines=lines,
        cash_in=cash_in,
        cash_out=cash_out,
        expected_cash=shift.opening_cash + cash_in - cash_out,
        sessions_closed=entries.filter(kind=LedgerEntry.Kind.CHECK_OUT).count(),
        transfer_in=totals["transfer_in"],
    )


@transaction.atomic
def close_shift(shift: Shift, counted_cash: int) -> Shift:
    shift.closed_at = clock.now()
    shift.counted_cash = counted_cash
    shift.save(update_fields=["closed_at", "counted_cash"])
    return shift


def is_owner(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


@transaction.atomic
def set_opening_cash(shift: Shift, amount: int, owner) -> Shift:
    """The owner corrects a shift's float (the drawer was topped up or emptied between shifts)."""
    if not is_owner(owner):
        raise PermissionDenied(_("Chỉ chủ quán được sửa tiền đầu ca."))
    if not 0 <= amount <= 10**12:
        raise ValidationError({"amount": _("Tiền đầu ca không hợp lệ.")})
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    before = shift.opening_cash
    shift.opening_cash = amount
    shift.save(update_fields=["opening_cash"])
    LedgerEntry.objects.create(
        kind=LedgerEntry.Kind.FLOAT_CHANGED,
        cashier=owner,
        shift=shift,
        at=clock.now(),
        note=f"{vnd(before)} → {vnd(amount)}",
    )
    audit.record(
        "billing.float_changed",
        user=owner,
        target=f"shift:{shift.pk}",
        detail={"before": before, "after": amount},
    )
    return shift


@dataclass(frozen=True)
class BankAccount:
    bank_bin: str
    account: str
    holder: str
    bank_name: str
    is_demo: bool


def bank_account() -> BankAccount | None:
    settings = conf()
    if not (settings.bank_bin and settings.bank_account):
        return None
    return BankAccount(
        settings.bank_bin,
        settings.bank_account,
        settings.bank_account_name,
        settings.bank_name,
        settings.bank_is_demo,
    )


def transfer_payload(amount: int, reference: str) -> str | None:
    account = bank_account()
    if account is None:
        return None
    return vietqr.payload(vietqr.Transfer(account.bank_bin, account.account, amount, reference))


def qr_svg(text: str) -> str:
    """The payload as an inline SVG QR code (scanned from the customer's phone)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@dataclass(frozen=True)
class Payment:
    amount: int
    method: str
    received: int  # cash handed over (cash only)

    @property
    def change(self) -> int:
        return self.received - self.amount if self.method == Receipt.Method.CASH else 0


def check_payment(amount: int, method: str, received: int | None) -> Payment:
    if method not in Receipt.Method.values:
        raise ValidationError({"method": _("Chọn hình thức thanh toán.")})
    if method == Receipt.Method.TRANSFER:
        if bank_account() is None:
            raise ValidationError({"method": _("Quán chưa khai báo tài khoản ngân hàng.")})
        if amount <= 0:
            raise ValidationError({"method": _("Không có tiền cần chuyển khoản.")})
        return Payment(amount, method, 0)
    received = amount if received is None else received
    if received < max(amount, 0):
        raise ValidationError(
            {"received": _("Khách đưa chưa đủ: cần %(due)s.") % {"due": vnd(amount)}}
        )
    if received > amount + MAX_AMOUNT:
        raise ValidationError({"received": _("Số tiền khách đưa không hợp lệ.")})
    return Payment(amount, method, received)


def take_payment(
    payment: Payment,
    *,
    cashier,
    description: str,
    cash_kind: str,
    transfer_kind: str,
    **links,
) -> Receipt:
    """In the caller's transaction: the ledger line (drawer or bank) and the receipt."""
    by_transfer = payment.method == Receipt.Method.TRANSFER
    balance_change = links.pop("balance_change", 0)
    record(
        transfer_kind if by_transfer else cash_kind,
        cashier=cashier,
        cash=0 if by_transfer else payment.amount,
        transfer=payment.amount if by_transfer else 0,
        balance_change=balance_change,
        **links,
    )
    return Receipt.objects.create(
        at=clock.now(),
        cashier=cashier,
        description=description,
        amount=payment.amount,
        method=payment.method,
        received=payment.received if not by_transfer else 0,
        change=payment.change,
        **{k: v for k, v in links.items() if k in ("session", "account", "station_id")},
    )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise ValidationError({"reason": _("Ghi rõ lý do.")})
    return reason[:200]


@transaction.atomic
def refund(amount: int, reason: str, cashier, session=None) -> LedgerEntry:
    """Cash given back from the drawer (a customer overcharged, a station that failed)."""
    reason = _reason(reason)
    if not 1 <= amount <= MAX_AMOUNT:
        raise ValidationError({"amount": _("Số tiền hoàn không hợp lệ.")})
    entry = record(
        LedgerEntry.Kind.CASH_REFUND,
        cashier=cashier,
        cash=-amount,
        note=reason,
        session=session,
        station_id=session.station_id if session else None,
    )
    audit.record(
        "billing.refund",
        user=cashier,
        target=f"session:{session.pk}" if session else "",
        detail={"amount": amount, "reason": reason, "entry": entry.pk},
    )
    return entry


@transaction.atomic
def correct_balance(account, change: int, reason: str, cashier) -> LedgerEntry:
    """A member's balance set right (a mistaken top-up, a goodwill credit); no cash moves."""
    reason = _reason(reason)
    if change == 0 or abs(change) > MAX_AMOUNT:
        raise ValidationError({"change": _("Số tiền điều chỉnh không hợp lệ.")})
    account = MemberAccount.objects.select_for_update().get(pk=account.pk)
    if account.balance + change < 0:
        raise ValidationError({"change": _("Số dư không thể âm.")})
    account.balance += change
    account.save(update_fields=["balance"])
    # A member playing now: their station must see the new balance.
    for station_id in account.customer.sessions.filter(ended_at__isnull=True).values_list(
        "station_id", flat=True
    ):
        live.forget(station_id)
    entry = record(
        LedgerEntry.Kind.BALANCE_CORRECTION,
        cashier=cashier,
        account=account,
        balance_change=change,
        note=reason,
    )
    audit.record(
        "billing.balance_correction",
        user=cashier,
        target=f"account:{account.pk}",
        detail={"change": change, "reason": reason, "entry": entry.pk},
    )
    return entry
