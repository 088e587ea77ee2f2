from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.core import clock
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
        session = services.check_out(session, request.user)
        messages.success(request, _("Đã tắt máy %(station)s.") % {"station": session.station})
        return redirect("session-detail", session.pk)
    if not session.is_open:
        return redirect("session-detail", session.pk)
    charge = services.current_charge(session, clock.now())
    return render(request, "sessions/check_out.html", {"session": session, "charge": charge})


@login_required
def detail(request, pk):
    session = get_object_or_404(Session.objects.select_related("station", "customer"), pk=pk)
    owed = (session.charge or 0) - session.prepaid
    return render(request, "sessions/detail.html", {"session": session, "owed": owed})


@login_required
@require_POST
def settle(request, pk):
    session = get_object_or_404(Session, pk=pk)
    services.settle(session, request.user)
    messages.success(request, _("Đã thanh toán phiên."))
    return redirect("session-detail", session.pk)


@login_required
def today(request):
    return render(request, "sessions/today.html", {"sessions": services.sessions_of_day()})
