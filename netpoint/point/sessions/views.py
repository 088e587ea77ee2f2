from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.point.billing.views import PaymentForm, payment_context
from netpoint.point.customers.models import Customer
from netpoint.point.sessions import services
from netpoint.point.sessions.forms import CheckInForm
from netpoint.point.sessions.models import Session
from netpoint.point.stations.models import Station


@login_required
def check_in(request, station_pk):
    station = get_object_or_404(Station, pk=station_pk)
    chosen = request.GET.get("customer", "")
    customer = (
        Customer.objects.filter(pk=chosen).first()
        if chosen.isascii() and chosen.isdigit()
        else None
    )
    initial = {"customer": customer.pk} if customer else {}
    form = CheckInForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in(
                station=station,
                customer=data["customer"],
                kind=data["kind"],
                cashier=request.user,
                prepaid=data["prepaid"],
            )
        except services.CheckInRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("Đã mở máy %(station)s.") % {"station": station})
            return redirect("station-grid")
    context = {"station": station, "form": form, "customer": customer}
    return render(request, "sessions/check_in.html", context)


@login_required
def check_out(request, pk):
    session = get_object_or_404(Session.objects.select_related("station", "customer"), pk=pk)
    if request.method == "POST":
        session = services.end_session(
            session, at=clock.now(), reason=Session.EndReason.CHECK_OUT, cashier=request.user
        )
        messages.success(request, _("Đã tắt máy %(station)s.") % {"station": session.station})
        if session.settled_at is None:
            return redirect("session-pay", session.pk)
        return redirect("session-detail", session.pk)
    if not session.is_open:
        return redirect("session-detail", session.pk)
    charge = services.current_charge(session, clock.now())
    return render(request, "sessions/check_out.html", {"session": session, "charge": charge})


@login_required
def detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("station", "customer"), pk=pk)
    owed = (session.charge or 0) - session.prepaid
    receipt = session.receipts.first()
    context = {"session": session, "owed": owed, "receipt": receipt}
    return render(request, "sessions/detail.html", context)


@login_required
def pay(request, pk):
    """The payment step: amount due, cash received and change, or a VietQR transfer."""
    session = get_object_or_404(Session.objects.select_related("station", "customer"), pk=pk)
    if session.ended_at is None or session.settled_at is not None:
        return redirect("session-detail", session.pk)
    due = session.charge - session.prepaid
    form = PaymentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            receipt = services.settle(
                session, request.user, data["method"] or "cash", data["received"]
            )
        except ValidationError as refused:
            for field, errors in refused.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if receipt is None:  # settled meanwhile, at another desk
                return redirect("session-detail", session.pk)
            messages.success(request, _("Đã thanh toán phiên."))
            return redirect("receipt", receipt.pk)
    reference = f"NP S{session.pk}"
    context = {
        "session": session,
        "form": form,
        "payment": payment_context(due, reference),
    }
    return render(request, "sessions/pay.html", context)


settle = pay


@login_required
def today(request):
    return render(request, "sessions/today.html", {"sessions": services.sessions_of_day()})
