"""The anti-spam staff pages, and the two public pages where a recipient refuses advertising."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.antispam import exports, periods, reports, services, unsubscribe
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.forms import (
    AdMessageForm,
    CustomerForm,
    DncImportForm,
    FiguresForm,
    HandleForm,
    PhoneOptOutForm,
    PublicOptOutForm,
    ReportDetailsForm,
    ReportForm,
    SpamReportForm,
    TokenForm,
)
from netpoint.provider.modules.antispam.models import (
    ApiToken,
    Customer,
    DoNotCall,
    OptOutRequest,
    PeriodFigures,
    SentCount,
    SpamReport,
)

PUBLIC_CHANNELS = unsubscribe.CHANNELS


def _posted(request) -> tuple:
    """The form's data: bound on a POST even when empty, so an empty POST gets its errors."""
    return (request.POST if request.method == "POST" else None,)


@login_required
@permission_required("antispam.view_customer", raise_exception=True)
def customers(request):
    since = clock.now().astimezone(local_tz()).date() - timedelta(days=30)
    sent = dict(
        SentCount.objects.filter(day__gte=since).values_list("customer").annotate(total=Sum("sent"))
    )
    rows = [(c, sent.get(c.pk, 0)) for c in Customer.objects.all()]
    return render(request, "antispam/customers.html", {"rows": rows})


@login_required
@permission_required("antispam.add_customer", raise_exception=True)
def customer_new(request):
    return _customer_form(request, None)


@login_required
@permission_required("antispam.change_customer", raise_exception=True)
def customer_detail(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    return _customer_form(request, customer)


def _customer_form(request, customer):
    form = CustomerForm(*_posted(request), instance=customer)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.record("antispam_customer_saved", user=request.user, target=str(saved.pk))
        messages.success(request, _("Đã lưu khách hàng %(name)s.") % {"name": saved.name})
        return redirect("antispam-customer", saved.pk)
    context = {"form": form, "customer": customer}
    if customer is not None:
        since = clock.now().astimezone(local_tz()).date().replace(day=1)
        context |= {
            "tokens": customer.tokens.order_by("-created_at"),
            "ad_messages": customer.messages.all()[:100],
            "token_form": TokenForm(),
            "message_form": AdMessageForm(),
            "sent_this_month": SentCount.objects.filter(customer=customer, day__gte=since)
            .values("channel")
            .annotate(total=Sum("sent"))
            .order_by("channel"),
        }
    return render(request, "antispam/customer.html", context, status=422 if form.errors else 200)


@login_required
@permission_required("antispam.add_apitoken", raise_exception=True)
@require_POST
def token_new(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ghi chú quá dài."))
        return redirect("antispam-customer", pk)
    token = services.issue_token(customer, form.cleaned_data["label"])
    audit.record("antispam_token_issued", user=request.user, target=str(customer.pk))
    # Shown once, on this page only: the database keeps its hash.
    return render(request, "antispam/token.html", {"customer": customer, "token": token})


@login_required
@permission_required("antispam.change_apitoken", raise_exception=True)
@require_POST
def token_revoke(request, pk, token_pk):
    token = get_object_or_404(ApiToken, pk=token_pk, customer_id=pk, revoked_at__isnull=True)
    services.revoke_token(token)
    audit.record("antispam_token_revoked", user=request.user, target=str(pk))
    messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("antispam-customer", pk)


@login_required
@permission_required("antispam.add_admessage", raise_exception=True)
@require_POST
def message_new(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    form = AdMessageForm(request.POST)
    if form.is_valid():
        services.new_message(customer, **form.cleaned_data)
        messages.success(request, _("Đã thêm bản tin quảng cáo."))
        return redirect("antispam-customer", pk)
    return render(
        request,
        "antispam/message_form.html",
        {"form": form, "customer": customer},
        status=422,
    )


@login_required
@permission_required("antispam.view_optoutrequest", raise_exception=True)
def optouts(request):
    found = OptOutRequest.objects.select_related("customer")
    status = request.GET.get("status", "")
    if status in OptOutRequest.Status.values:
        found = found.filter(status=status)
    return render(
        request,
        "antispam/optouts.html",
        {"requests": found[:300], "status": status, "statuses": OptOutRequest.Status.choices},
    )


@login_required
@permission_required("antispam.add_optoutrequest", raise_exception=True)
def optout_new(request):
    """A request taken by phone: staff enter it, and read the confirmation to the caller."""
    form = PhoneOptOutForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = services.register_optout(
            via=OptOutRequest.Via.PHONE,
            channel=data["channel"],
            address=data.get("address", ""),
            customer=data.get("customer"),
            entered_by=request.user.get_username(),
            force_majeure=data.get("force_majeure", "").strip(),
        )
        audit.record("antispam_optout_entered", user=request.user, target=str(made.pk))
        messages.success(request, made.confirmation)
        return redirect("antispam-optouts")
    return render(
        request, "antispam/optout_new.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
@permission_required("antispam.add_donotcall", raise_exception=True)
def dnc(request):
    form = DncImportForm(*_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            read, added = services.import_dnc(form.cleaned_data["file"], source="web")
        except services.ImportRefused as refused:
            lines = ", ".join(map(str, refused.bad_lines[:20]))
            form.add_error(
                "file",
                _("Không nhập gì: các dòng sau không phải số điện thoại: %(lines)s")
                % {"lines": lines},
            )
        else:
            audit.record(
                "antispam_dnc_import", user=request.user, detail={"read": read, "added": added}
            )
            messages.success(
                request,
                _("Đã đọc %(read)d số, thêm mới %(added)d số.") % {"read": read, "added": added},
            )
            return redirect("antispam-dnc")
    return render(
        request,
        "antispam/dnc.html",
        {"form": form, "count": DoNotCall.objects.count()},
        status=422 if form.errors else 200,
    )


@login_required
@permission_required("antispam.view_spamreport", raise_exception=True)
def spam_reports(request):
    form = SpamReportForm(*_posted(request))
    if request.method == "POST":
        if not request.user.has_perm("antispam.add_spamreport"):
            return HttpResponse(status=403)
        if form.is_valid():
            report = form.save(commit=False)
            report.received_at = clock.now()
            report.save()
            messages.success(request, _("Đã ghi nhận báo cáo tin rác."))
            return redirect("antispam-spam-reports")
    return render(
        request,
        "antispam/spam_reports.html",
        {
            "form": form,
            "reports": SpamReport.objects.select_related("customer")[:300],
            "handle_form": HandleForm(),
        },
        status=422 if form.errors else 200,
    )


@login_required
@permission_required("antispam.handle_spamreport", raise_exception=True)
@require_POST
def spam_report_handle(request, pk):
    report = get_object_or_404(SpamReport, pk=pk)
    form = HandleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập kết quả xử lý (tối đa 500 ký tự)."))
        return redirect("antispam-spam-reports")
    report.outcome = form.cleaned_data["outcome"]
    report.handled_at = clock.now()
    report.save(update_fields=["outcome", "handled_at"])
    messages.success(request, _("Đã ghi kết quả xử lý."))
    return redirect("antispam-spam-reports")


def _dues(today: date) -> list[date]:
    return periods.dues_between(
        date(today.year - 1, 1, 1), date(today.year + 1, 12, 31), conf().report_due
    )


@login_required
@permission_required("antispam.make_report", raise_exception=True)
def report_page(request):
    """The due-date calendar, the figures of each period, and the report files."""
    today = clock.now().astimezone(local_tz()).date()
    dues = _dues(today)
    months = conf().report_period_months
    calendar = [
        {"due": due, "period": periods.period_for(due, months), "late": due < today} for due in dues
    ]
    upcoming = next((row for row in calendar if not row["late"]), None)
    report_form = ReportForm(
        request.GET or None, dues=dues, initial={"due": upcoming and upcoming["due"]}
    )
    details_form = ReportDetailsForm(request.GET or None)
    if request.GET and report_form.is_valid() and details_form.is_valid():
        return _report_file(request, report_form.cleaned_data, details_form.cleaned_data, months)
    return render(
        request,
        "antispam/reports.html",
        {
            "calendar": calendar,
            "upcoming": upcoming,
            "report_form": report_form,
            "details_form": details_form,
            "figures": PeriodFigures.objects.order_by("-period_start", "service")[:24],
            "figures_form": FiguresForm(),
            "services": PeriodFigures.Service.choices,
        },
        status=422 if request.GET and (report_form.errors or details_form.errors) else 200,
    )


def _report_file(request, choice, details, months):
    form, due = choice["form"], choice["due"]
    details = reports.Details(made_on=clock.now().astimezone(local_tz()).date(), **details)
    report = reports.build(form, due, details, months)
    writer = exports.to_docx if choice["file_format"] == "docx" else exports.to_xlsx
    body = writer(report, details)
    audit.record(
        "antispam_report_made", user=request.user, detail={"form": form, "due": due.isoformat()}
    )
    kind = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[choice["file_format"]]
    answer = HttpResponse(body, content_type=kind)
    name = f"mau-so-{form}-{due.isoformat()}.{choice['file_format']}"
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer


@login_required
@permission_required("antispam.make_report", raise_exception=True)
@require_POST
def figures_save(request):
    service = request.POST.get("service", "")
    try:
        start = date.fromisoformat(request.POST.get("period_start", ""))
    except ValueError:
        start = None
    if service not in PeriodFigures.Service.values or start is None or start.day != 1:
        messages.error(request, _("Chọn dịch vụ và ngày đầu kỳ (ngày 01 của tháng)."))
        return redirect("antispam-reports")
    instance = PeriodFigures.objects.filter(service=service, period_start=start).first()
    form = FiguresForm(request.POST, instance=instance)
    if not form.is_valid():
        messages.error(request, _("Số liệu phải là số nguyên không âm."))
        return redirect("antispam-reports")
    figures = form.save(commit=False)
    figures.service, figures.period_start = service, start
    figures.save()
    audit.record(
        "antispam_figures_saved",
        user=request.user,
        detail={"service": service, "start": str(start)},
    )
    messages.success(request, _("Đã lưu số liệu của kỳ."))
    return redirect("antispam-reports")


# --- Public: the recipient refuses advertising ------------------------------------------------


def unsubscribe_link(request, token):
    """A GET only shows the question (mail scanners open links); the POST refuses."""
    data = unsubscribe.read(token, conf().unsubscribe_link_days)
    if data is None or data["c"] not in PUBLIC_CHANNELS:
        return render(request, "antispam/unsubscribe.html", {"invalid": True}, status=400)
    customer = Customer.objects.filter(pk=data["k"]).first() if data["k"] else None
    if request.method == "POST":
        made = services.register_optout(
            via=OptOutRequest.Via.WEB, channel=data["c"], index=data["r"], customer=customer
        )
        return render(request, "antispam/unsubscribe.html", {"done": made})
    return render(request, "antispam/unsubscribe.html", {"customer": customer})


def optout_form(request):
    form = PublicOptOutForm(*_posted(request))
    form.fields["channel"].choices = [
        c for c in form.fields["channel"].choices if c[0] in PUBLIC_CHANNELS
    ]
    if request.method == "POST" and form.is_valid():
        made = services.register_optout(
            via=OptOutRequest.Via.WEB,
            channel=form.cleaned_data["channel"],
            address=form.cleaned_data["address"],
        )
        return render(request, "antispam/unsubscribe.html", {"done": made})
    return render(
        request, "antispam/optout_form.html", {"form": form}, status=422 if form.errors else 200
    )
