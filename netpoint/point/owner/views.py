"""The owner's pages (/chu-quan/): thin views over the customers', sessions', stations' and
this app's services; every page needs the owner's permission (403 otherwise)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.point.customers import services as customers
from netpoint.point.customers.models import Customer, MemberAccount
from netpoint.point.owner import figures, services
from netpoint.point.owner.forms import (
    BandForm,
    CustomerForm,
    MemberForm,
    MoveForm,
    RangeForm,
    RateForm,
)
from netpoint.point.sessions import services as sessions_services
from netpoint.point.sessions.models import Session
from netpoint.point.stations import services as stations
from netpoint.point.stations.models import Station, Zone, ZoneRate

PERMISSION = "owner.manage_point"


def owner_only(view):
    @wraps(view)
    @login_required
    @permission_required(PERMISSION, raise_exception=True)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapped


def _range(request) -> tuple[RangeForm, figures.Dashboard | None]:
    today = clock.now().astimezone(local_tz()).date()
    initial = {"tu": today.replace(day=1).isoformat(), "den": today.isoformat()}
    form = RangeForm(request.GET if "tu" in request.GET else initial)
    if not form.is_valid():
        return form, None
    return form, services.dashboard(form.cleaned_data["tu"], form.cleaned_data["den"])


def _chart(rows):
    return {"bars": figures.bars(rows), "width": figures.chart_width(rows)}


@owner_only
def dashboard(request):
    form, board = _range(request)
    context = {"form": form, "board": board}
    if board is not None:
        context["charts"] = {
            "by_day": _chart(board.by_day),
            "by_zone": _chart(board.by_zone),
            "occupancy": _chart(board.occupancy),
            "top_ups": _chart(board.top_ups),
        }
    return render(request, "owner/dashboard.html", context, status=200 if board else 400)


@owner_only
def export(request):
    form, board = _range(request)
    if board is None:
        return render(request, "owner/dashboard.html", {"form": form}, status=400)
    answer = HttpResponse(
        services.workbook(board),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"doanh-thu-{board.first:%Y%m%d}-{board.last:%Y%m%d}.xlsx"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


@owner_only
def customers_page(request):
    found = Customer.objects.select_related("account")
    query = request.GET.get("q", "").strip()
    if query:
        found = found.filter(full_name__icontains=query)
    return render(request, "owner/customers.html", {"customers": found[:200], "q": query})


def _customer_page(request, customer, form=None, member_form=None, shown=None, status=200):
    account = MemberAccount.objects.filter(customer=customer).first()
    initial = {name: getattr(customer, name) for name in customers.EDITABLE_FIELDS}
    context = {
        "customer": customer,
        "account": account,
        "form": form or CustomerForm(initial=initial),
        "member_form": member_form or MemberForm(),
        "history": services.history(customer.pk),
        "shown": shown,
    }
    return render(request, "owner/customer.html", context, status=status)


@owner_only
def customer(request, pk):
    found = get_object_or_404(Customer, pk=pk)
    if request.method != "POST":
        return _customer_page(request, found)
    form = CustomerForm(request.POST)
    if form.is_valid():
        try:
            changed = customers.update_customer(found, form.cleaned_data, request.user)
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            if changed:
                messages.success(request, _("Đã lưu thông tin khách hàng."))
            else:
                messages.info(request, _("Không có gì thay đổi."))
            return redirect("owner-customer", found.pk)
    return _customer_page(request, found, form=form, status=400)


@owner_only
@require_POST
def make_member(request, pk):
    found = get_object_or_404(Customer, pk=pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            account, password = customers.make_member(
                found, form.cleaned_data["username"], request.user
            )
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
        else:
            # Shown on this answer only, never stored in plain text nor put in a URL.
            shown = {"username": account.username, "password": password}
            return _customer_page(request, found, shown=shown)
    return _customer_page(request, found, member_form=form, status=400)


@owner_only
@require_POST
def reset_password(request, pk):
    found = get_object_or_404(Customer, pk=pk)
    account = MemberAccount.objects.filter(customer=found).first()
    if account is None:
        messages.error(request, _("Khách hàng này chưa có tài khoản hội viên."))
        return redirect("owner-customer", found.pk)
    password = customers.reset_password(account, request.user)
    return _customer_page(
        request, found, shown={"username": account.username, "password": password}
    )


def _sessions_page(request, status=200):
    running = (
        Session.objects.filter(ended_at__isnull=True)
        .select_related("station", "customer")
        .order_by("station__name")
    )
    busy = Session.objects.filter(ended_at__isnull=True).values_list("station_id", flat=True)
    free = Station.objects.exclude(pk__in=busy).exclude(maintenance_unlocked=True)
    context = {"running": running, "free": free.order_by("name")}
    return render(request, "owner/sessions.html", context, status=status)


@owner_only
def sessions(request):
    return _sessions_page(request)


@owner_only
@require_POST
def move(request, pk):
    session = get_object_or_404(Session, pk=pk)
    form = MoveForm(request.POST)
    target = None
    if form.is_valid():
        target = Station.objects.filter(pk=form.cleaned_data["station"]).first()
    if target is None:
        messages.error(request, _("Hãy chọn một máy trống."))
        return _sessions_page(request, status=400)
    try:
        sessions_services.move(session, target, request.user)
    except sessions_services.MoveRefused as refusal:
        messages.error(request, str(refusal))
        return _sessions_page(request, status=409)
    messages.success(request, _("Đã chuyển phiên sang máy %(station)s.") % {"station": target})
    return redirect("owner-sessions")


def _prices_page(request, status=200, errors=None):
    zones = Zone.objects.prefetch_related("rates").order_by("name")
    context = {"zones": zones, "band_form": BandForm(), "errors": errors or []}
    return render(request, "owner/prices.html", context, status=status)


@owner_only
def prices(request):
    return _prices_page(request)


def _errors(form) -> list[str]:
    return [text for texts in form.errors.values() for text in texts]


@owner_only
@require_POST
def set_rate(request, pk):
    rate = get_object_or_404(ZoneRate, pk=pk)
    form = RateForm(request.POST)
    if not form.is_valid():
        return _prices_page(request, status=400, errors=_errors(form))
    stations.set_rate(rate, form.cleaned_data["hourly_rate"], request.user)
    messages.success(request, _("Đã đổi giá."))
    return redirect("owner-prices")


@owner_only
@require_POST
def add_rate(request, pk):
    zone = get_object_or_404(Zone, pk=pk)
    form = BandForm(request.POST)
    if not form.is_valid():
        return _prices_page(request, status=400, errors=_errors(form))
    band = stations.RateBand(form.cleaned_data["starts_at"], form.cleaned_data["hourly_rate"])
    try:
        stations.add_rate(zone, band, request.user)
    except ValidationError as error:
        return _prices_page(request, status=400, errors=error.messages)
    messages.success(request, _("Đã thêm khung giá."))
    return redirect("owner-prices")
