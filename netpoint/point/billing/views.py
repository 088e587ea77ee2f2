from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netpoint.common.money import vnd
from netpoint.point.billing import services
from netpoint.point.billing.conf import conf
from netpoint.point.billing.models import Receipt, Shift
from netpoint.point.customers.models import MemberAccount
from netpoint.point.sessions.models import Session


class CloseShiftForm(forms.Form):
    counted_cash = forms.IntegerField(
        label=gettext_lazy("Tiền mặt kiểm đếm cuối ca (VND)"), min_value=0, max_value=10**12
    )


class PaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("Hình thức"),
        choices=Receipt.Method.choices,
        initial=Receipt.Method.CASH,
        widget=forms.RadioSelect,
        required=False,  # cash, unless the cashier picks the transfer
    )
    received = forms.IntegerField(
        label=gettext_lazy("Khách đưa (VND)"), min_value=0, max_value=10**9, required=False
    )


class FloatForm(forms.Form):
    opening_cash = forms.IntegerField(
        label=gettext_lazy("Tiền đầu ca (VND)"), min_value=0, max_value=10**12
    )


class RefundForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Số tiền hoàn (VND)"), min_value=1, max_value=services.MAX_AMOUNT
    )
    session = forms.IntegerField(label=gettext_lazy("Số phiên (nếu có)"), required=False)
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=200)


class CorrectionForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Tài khoản hội viên"), max_length=150)
    change = forms.IntegerField(
        label=gettext_lazy("Cộng (+) hoặc trừ (-) (VND)"),
        min_value=-services.MAX_AMOUNT,
        max_value=services.MAX_AMOUNT,
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=200)


def payment_context(due: int, reference: str) -> dict:
    """What the payment partial (billing/payment.html) shows: due, bank, the VietQR code."""
    payload = services.transfer_payload(due, reference) if due > 0 else None
    return {
        "due": due,
        "reference": reference,
        "bank": services.bank_account(),
        "payload": payload,
        "qr_svg": services.qr_svg(payload) if payload else "",
    }


def _form_errors(form, refused: ValidationError) -> None:
    for field, errors in refused.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def top_up_pay(request, account_pk, amount):
    from netpoint.point.customers import services as customers

    account = get_object_or_404(MemberAccount.objects.select_related("customer"), pk=account_pk)
    form = PaymentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            paid = customers.pay_top_up(
                account, amount, request.user, data["method"] or "cash", data["received"]
            )
        except ValidationError as refused:
            _form_errors(form, refused)
        else:
            messages.success(request, _("Đã nạp %(amount)s.") % {"amount": vnd(amount)})
            return redirect("receipt", paid.pk)
    context = {
        "account": account,
        "amount": amount,
        "form": form,
        "payment": payment_context(amount, f"NP N{account.pk} {account.username}"),
    }
    return render(request, "billing/top_up_pay.html", context)


@login_required
def receipt(request, pk):
    found = get_object_or_404(
        Receipt.objects.select_related("session", "station", "account", "cashier"), pk=pk
    )
    from netpoint.point.profile.models import PointProfile

    session = found.session
    duration = ""
    if session is not None and session.ended_at is not None:
        minutes = int((session.ended_at - session.started_at).total_seconds() // 60)
        duration = _("%(h)d giờ %(m)02d phút") % {"h": minutes // 60, "m": minutes % 60}
    context = {
        "receipt": found,
        "session": session,
        "point": PointProfile.current(),
        "duration": duration,
        "refund": -found.amount,
        "printer": bool(conf().printer_host),
    }
    return render(request, "billing/receipt.html", context)


@login_required
@require_POST
def print_receipt(request, pk):
    from netpoint.point.billing import printing
    from netpoint.point.profile.models import PointProfile

    found = get_object_or_404(Receipt.objects.select_related("session"), pk=pk)
    try:
        printing.print_receipt(found, PointProfile.current().name)
    except printing.PrinterError as failed:
        messages.error(request, str(failed))
    else:
        messages.success(request, _("Đã gửi hóa đơn tới máy in."))
    return redirect("receipt", found.pk)


@login_required
def refund(request):
    form = RefundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = None
        if data["session"] is not None:
            session = Session.objects.filter(pk=data["session"]).first()
            if session is None:
                form.add_error("session", _("Không có phiên này."))
        if form.is_valid():
            try:
                services.refund(data["amount"], data["reason"], request.user, session=session)
            except ValidationError as refused:
                _form_errors(form, refused)
            else:
                messages.success(request, _("Đã hoàn tiền."))
                return redirect("shift-report")
    return render(request, "billing/adjust.html", {"form": form, "title": _("Hoàn tiền cho khách")})


@login_required
def correct_balance(request):
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = MemberAccount.objects.filter(username=data["username"]).first()
        if account is None:
            form.add_error("username", _("Không có tài khoản này."))
        else:
            try:
                services.correct_balance(account, data["change"], data["reason"], request.user)
            except ValidationError as refused:
                _form_errors(form, refused)
            else:
                messages.success(request, _("Đã điều chỉnh số dư."))
                return redirect("shift-report")
    return render(
        request, "billing/adjust.html", {"form": form, "title": _("Điều chỉnh số dư hội viên")}
    )


@login_required
def shift_float(request, pk):
    if not services.is_owner(request.user):
        raise PermissionDenied(_("Chỉ chủ quán được sửa tiền đầu ca."))
    shift = get_object_or_404(Shift, pk=pk, closed_at__isnull=True)
    form = FloatForm(
        request.POST if request.method == "POST" else None,
        initial={"opening_cash": shift.opening_cash},
    )
    if request.method == "POST" and form.is_valid():
        services.set_opening_cash(shift, form.cleaned_data["opening_cash"], request.user)
        messages.success(request, _("Đã sửa tiền đầu ca."))
        return redirect("shift-report")
    return render(request, "billing/adjust.html", {"form": form, "title": _("Sửa tiền đầu ca")})


@login_required
def shift_report(request):
    shift = services.current_shift(request.user)
    form = CloseShiftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.close_shift(shift, form.cleaned_data["counted_cash"])
        messages.success(request, _("Đã đóng ca."))
        return redirect("shift-closed", shift.pk)
    report = services.shift_report(shift)
    entries = shift.entries.select_related("station", "session__customer")[:200]
    context = {
        "report": report,
        "form": form,
        "entries": entries,
        "is_owner": services.is_owner(request.user),
        # The owner sets the float of any cashier's open shift from here.
        "open_shifts": (
            Shift.objects.filter(closed_at__isnull=True)
            .exclude(pk=shift.pk)
            .select_related("cashier")
            if services.is_owner(request.user)
            else ()
        ),
    }
    return render(request, "billing/shift_report.html", context)


@login_required
def shift_closed(request, pk):
    shift = get_object_or_404(Shift, pk=pk, cashier=request.user)
    context = {"report": services.shift_report(shift), "entries": shift.entries.all()[:200]}
    return render(request, "billing/shift_report.html", context)
