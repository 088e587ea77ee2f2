"""Reports: generate one for a period, read it on the page, download it, see what is due."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring.scope import department_province
from netpoint.provider.reports import official, services
from netpoint.provider.reports.forms import ReportForm
from netpoint.provider.reports.models import Report

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def readable(user):
    """The reports the user may read: every one with the permission to; for a Sở member,
    those made for its own province (not another's, nor the enterprise-wide ones, which hold
    other provinces' figures); for anybody else none (403)."""
    if user.has_perm("reports.view_report"):
        return Report.objects.all()
    province = department_province(user)
    if province is None:
        raise PermissionDenied
    return Report.objects.filter(province_code=province)


@login_required
def report_list(request):
    reports = readable(request.user).select_related("enterprise", "generated_by")[:200]
    return render(request, "reports/list.html", {"reports": reports, "form": ReportForm()})


@require_POST
@login_required
@permission_required("reports.add_report", raise_exception=True)
def report_generate(request):
    form = ReportForm(request.POST)
    if not form.is_valid():
        reports = Report.objects.select_related("enterprise", "generated_by")[:200]
        return render(request, "reports/list.html", {"reports": reports, "form": form}, status=422)
    report = services.generate(request.user, form.cleaned_data)
    messages.success(request, _("Đã lập báo cáo số %(number)s.") % {"number": report.number})
    return redirect("reports-report", report.pk)


@login_required
def report_detail(request, pk):
    report = get_object_or_404(
        readable(request.user).select_related("enterprise", "generated_by"), pk=pk
    )
    heading = services.heading_of(report)
    context = {
        "report": report,
        "heading": heading,
        "nation": official.NATION,
        "motto": official.MOTTO,
        "title_lines": report.content["title"].split("\n"),
        "recipients": official.RECIPIENTS,
    }
    return render(request, "reports/detail.html", context)


@login_required
def report_download(request, pk, fmt):
    report = get_object_or_404(readable(request.user), pk=pk)
    if fmt not in CONTENT_TYPES:
        return HttpResponse(_("Định dạng không hỗ trợ."), status=404)
    audit.record("report_downloaded", user=request.user, target=report.number, detail={"fmt": fmt})
    response = HttpResponse(bytes(getattr(report, fmt)), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{report.pk}.{fmt}"'
    return response


@login_required
@permission_required("reports.view_report", raise_exception=True)
def report_calendar(request):
    today = clock.now().astimezone(local_tz()).date()
    year = request.GET.get("year", "")
    year = (
        int(year) if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100 else today.year
    )
    context = {"entries": services.calendar(year, today), "year": year, "today": today}
    return render(request, "reports/calendar.html", context)
