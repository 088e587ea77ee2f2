"""The anti-spam staff pages, and the two public pages where a recipient refuses advertising."""

import hashlib
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
from netpoint.provider.modules.antispam import (
    exports,
    periods,
    records,
    reports,
    services,
    unsubscribe,
)
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.forms import (
    AdMessageForm,
    CustomerForm,
    DncImportForm,
    FiguresForm,
    HandleForm,
    PhoneOptOutForm,
    PublicOptOutForm,
    RecordsForm,
    ReportDetailsForm,
    ReportForm,
    SpamReportForm,
    TokenForm,
)
from netpoint.provider.modules.antispam.models import (
    ApiToken,
    ArchivedReport,
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


def _today() -> date:
    return clock.now().astimezone(local_tz()).date()


def _report_forms(request, today: date, dues: list[date], upcoming) -> tuple:
    data = request.GET or None
    earliest = today - timedelta(days=conf().optout_keep_days - 1)
    report_form = ReportForm(
        data,
        dues=dues,
        annual_due=conf().annual_due,
        earliest=earliest,
        today=today,
        initial={"due": upcoming and upcoming["due"]},
    )
    return report_form, ReportDetailsForm(data)


@login_required
@permission_required("antispam.make_report", raise_exception=True)
def report_page(request):
    """The due-date calendar, the figures of each period, and the report files."""
    today = _today()
    dues = _dues(today)
    months = conf().report_period_months
    calendar = [
        {
            "due": due,
            "period": periods.period_for(due, months),
            "annual": (due.month, due.day) == tuple(conf().annual_due),
            "late": due < today,
        }
        for due in dues
    ]
    upcoming = next((row for row in calendar if not row["late"]), None)
    report_form, details_form = _report_forms(request, today, dues, upcoming)
    if request.GET and report_form.is_valid() and details_form.is_valid():
        return _report_file(request, report_form.cleaned_data, details_form.cleaned_data)
    return _reports_page(
        request,
        {"calendar": calendar, "upcoming": upcoming, "report_form": report_form},
        details_form,
        status=422 if request.GET and (report_form.errors or details_form.errors) else 200,
    )


RECORDS_PREFIX = "ghi"  # the second details form on the page: ids of its own


def _reports_page(request, context, details_form, records_forms=None, status=200):
    today = _today()
    if "calendar" not in context:
        dues = _dues(today)
        context["report_form"] = _report_forms(request, today, dues, None)[0]
    start, end = records.covered(today)
    return render(
        request,
        "antispam/reports.html",
        context
        | {
            "details_form": details_form,
            "records_form": records_forms[0] if records_forms else RecordsForm(),
            "records_details_form": records_forms[1]
            if records_forms
            else ReportDetailsForm(prefix=RECORDS_PREFIX),
            "records_range": (start, end),
            "figures": PeriodFigures.objects.order_by("-period_start", "service")[:24],
            "figures_form": FiguresForm(),
            "services": PeriodFigures.Service.choices,
        },
        status=status,
    )


def _built(choice, details):
    """The report the form asks for, and its archive kind."""
    form, kind = choice["form"], choice["kind"]
    if kind == "annual":
        return reports.build_annual(form, choice["due"], details), ArchivedReport.Kind.ANNUAL
    if kind == "adhoc":
        built = reports.build_adhoc(
            form, choice["start"], choice["end"], details, choice["request"]
        )
        return built, ArchivedReport.Kind.ADHOC
    built = reports.build(form, choice["due"], details, conf().report_period_months)
    return built, ArchivedReport.Kind.PERIODIC


SLUGS = {
    ArchivedReport.Kind.PERIODIC: "dinh-ky",
    ArchivedReport.Kind.ANNUAL: "nam",
    ArchivedReport.Kind.ADHOC: "dot-xuat",
}


def _report_file(request, choice, given):
    details = reports.Details.from_settings(made_on=_today(), **given)
    report, kind = _built(choice, details)
    file_format = choice["file_format"]
    writer = exports.to_docx if file_format == "docx" else exports.to_xlsx
    body = writer(report, details)
    name = f"mau-so-{report.form}-{SLUGS[kind]}-{report.start.isoformat()}-{report.end.isoformat()}"
    archived = services.archive_report(
        kind=kind,
        form=report.form,
        start=report.start,
        end=report.end,
        by=request.user.get_username(),
        file_name=f"{name}.{file_format}",
        body=body,
    )
    audit.record(
        "antispam_report_made",
        user=request.user,
        target=str(archived.pk),
        detail={"kind": kind, "form": report.form, "start": report.start.isoformat()},
    )
    return _download(archived)


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(archived) -> HttpResponse:
    extension = archived.file_name.rsplit(".", 1)[-1]
    answer = HttpResponse(bytes(archived.content), content_type=CONTENT_TYPES[extension])
    answer["Content-Disposition"] = f'attachment; filename="{archived.file_name}"'
    return answer


@login_required
@permission_required("antispam.make_report", raise_exception=True)
@require_POST
def records_send(request):
    """The e-mailed report of the opt-out requests kept for the 6 months before today."""
    records_form = RecordsForm(request.POST)
    details_form = ReportDetailsForm(request.POST, prefix=RECORDS_PREFIX)
    if not (records_form.is_valid() and details_form.is_valid()):
        forms = (records_form, details_form)
        return _reports_page(request, {}, ReportDetailsForm(), forms, status=422)
    details = reports.Details.from_settings(made_on=_today(), **details_form.cleaned_data)
    archived = records.send(
        to=records_form.cleaned_data["to"],
        details=details,
        made_on=_today(),
        by=request.user.get_username(),
    )
    audit.record("antispam_records_sent", user=request.user, target=str(archived.pk))
    messages.success(
        request,
        _("Đã gửi báo cáo thông tin lưu giữ tới %(to)s, tệp %(name)s.")
        % {"to": records_form.cleaned_data["to"], "name": archived.file_name},
    )
    return redirect("antispam-archive")


@login_required
@permission_required("antispam.make_report", raise_exception=True)
def archive(request):
    return render(
        request,
        "antispam/archive.html",
        {"archived": ArchivedReport.objects.defer("content")[:500]},
    )


@login_required
@permission_required("antispam.make_report", raise_exception=True)
def archive_download(request, pk):
    archived = get_object_or_404(ArchivedReport, pk=pk)
    if archived.purged_at is not None:
        messages.error(
            request,
            _(
                "Tệp này liệt kê người nhận nên đã được xóa khi hết thời hạn lưu giữ yêu cầu "
                "từ chối; chỉ còn mã SHA-256 của tệp."
            ),
        )
        return redirect("antispam-archive")
    if hashlib.sha256(bytes(archived.content)).hexdigest() != archived.sha256:
        # What is served must be what was sent: a changed file is not given out as it.
        messages.error(request, _("Tệp lưu trữ không còn khớp mã SHA-256 lúc lập: không tải về."))
        return redirect("antispam-archive")
    return _download(archived)


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
    form.fields["channel"].choices = unsubscribe.FORM_CHANNELS
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
