"""The province view for the Sở (and the provider's staff): points, wards, charts and
violations. Every page goes through scope.scope_of; another province's point is a 404."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring import charts, figures, listing, record, services, wording
from netpoint.provider.monitoring.conf import conf
from netpoint.provider.monitoring.forms import ViolationFilter
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.monitoring.scope import get_point, get_violation, scope_of
from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Point

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def scoped(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        scope = scope_of(request.user)
        if scope is None:
            raise PermissionDenied
        return view(request, scope, *args, **kwargs)

    return wrapper


def _area(scope) -> str:
    if scope.province_code is None:
        return _("Tất cả tỉnh, thành phố")
    return divisions.province_name(scope.province_code)


def _dashboard_figures(scope) -> dict:
    """The dashboard's figures, and the moment they were read (shown as "Cập nhật lúc")."""
    read_at = clock.now()
    rows = figures.point_rows(scope)
    wards = figures.ward_overview(rows)
    return {
        "read_at": read_at,
        "totals": {
            "points": len(rows),
            "online": sum(r.online for r in rows),
            "stations_in_use": sum(r.stations_in_use for r in rows),
            "sessions_today": sum(r.sessions_today for r in rows),
            "customers_today": sum(r.customers_today for r in rows),
            "open_violations": sum(r.open_violations for r in rows),
        },
        "wards": wards,
        "ward_chart": charts.bars(
            [(w.ward, w.points) for w in wards[:30]], _("Số điểm theo phường, xã")
        ),
        "hour_chart": charts.columns(
            figures.sessions_per_hour(scope), _("Phiên sử dụng hôm nay theo giờ bắt đầu")
        ),
        "online_chart": charts.line(
            figures.online_over_time(scope), _("Số điểm trực tuyến trong 24 giờ qua")
        ),
        "violation_chart": charts.bars(
            figures.violations_by_kind(scope), _("Vi phạm chưa xử lý theo loại")
        ),
    }


@scoped
def dashboard(request, scope):
    context = _dashboard_figures(scope) | {
        "area": _area(scope),
        "refresh_seconds": conf().dashboard_refresh_seconds,
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
def _figures(request):
    scope = scope_of(request.user)
    if scope is None:
        raise PermissionDenied
    return render(request, "monitoring/dashboard_figures.html", _dashboard_figures(scope))


def dashboard_figures(request):
    """The dashboard's figures alone, which the page asks for again every few seconds (htmx)
    and puts in place of the old ones. Asked so after the session ended: a 401 that sends the
    browser to the login page, instead of the login form drawn inside the dashboard."""
    if request.headers.get("HX-Request") and not request.user.is_authenticated:
        login = f"{resolve_url(settings.LOGIN_URL)}?next={reverse('monitoring-dashboard')}"
        return HttpResponse(status=401, headers={"HX-Redirect": login})
    return _figures(request)


@scoped
def point_list(request, scope):
    query = request.GET.get("q", "").strip()[:100]
    ward = request.GET.get("ward", "")
    point_type = request.GET.get("type", "")
    status = request.GET.get("status", "")
    rows = figures.point_rows(
        scope,
        query=query,
        ward=int(ward) if ward.isascii() and ward.isdigit() else None,
        point_type=point_type if point_type in Point.Type.values else "",
        status=status if status in ("online", "offline") else "",
    )
    wards = divisions.wards_of(scope.province_code) if scope.province_code else []
    context = {
        "area": _area(scope),
        "rows": rows,
        "query": query,
        "ward": ward,
        "point_type": point_type,
        "status": status,
        "wards": wards,
        "types": Point.Type.choices,
    }
    return render(request, "monitoring/point_list.html", context)


@scoped
def point_detail(request, scope, pk):
    point = get_point(scope, pk)
    if point is None:
        raise Http404
    row = figures.point_rows(scope, query=point.code)
    context = {
        "point": point,
        "row": next((r for r in row if r.point.pk == point.pk), None),
        "province": divisions.province_name(point.province_code),
        "rows": listing.rows(
            scope.violations().filter(point=point).exclude(state=Violation.State.RESOLVED), 50
        ),
        "hour_chart": charts.columns(
            figures.sessions_per_hour(scope, point), _("Phiên sử dụng hôm nay theo giờ bắt đầu")
        ),
        "use_chart": charts.line(
            figures.online_over_time(scope, point=point), _("Số máy đang dùng trong 24 giờ qua")
        ),
    }
    return render(request, "monitoring/point_detail.html", context)


@scoped
def violation_list(request, scope):
    form = ViolationFilter(request.GET, province_code=scope.province_code)
    valid = form.is_valid()
    context = {
        "area": _area(scope),
        "form": form,
        "rows": listing.rows(form.filter(scope.violations()), listing.PAGE_ROWS) if valid else [],
        "query": request.GET.urlencode(),
    }
    return render(request, "monitoring/violation_list.html", context, status=200 if valid else 422)


@scoped
def violation_export(request, scope):
    """The filtered list as an .xlsx sheet."""
    form = ViolationFilter(request.GET, province_code=scope.province_code)
    if not form.is_valid():
        return render(
            request,
            "monitoring/violation_list.html",
            {"area": _area(scope), "form": form, "rows": []},
            status=422,
        )
    listed = listing.rows(form.filter(scope.violations()), listing.EXPORT_ROWS)
    made_at = clock.now()
    content = listing.to_xlsx(listed, str(_area(scope)), form.described(), made_at)
    response = HttpResponse(content, content_type=XLSX)
    day = made_at.astimezone(local_tz()).strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="vi-pham-{day}.xlsx"'
    return response


def _detail(violation) -> dict:
    return {
        "violation": violation,
        "summary": wording.summary(violation),
        "ward": divisions.ward_name(violation.point.ward_code),
        "evidence": wording.evidence(violation),
    }


@scoped
def violation_detail(request, scope, pk):
    violation = get_violation(scope, pk)
    if violation is None:
        raise Http404
    return render(request, "monitoring/violation_detail.html", _detail(violation))


@scoped
def violation_record(request, scope, pk, fmt="html"):
    """The printable record of the violation: a page to print, or the same as .docx."""
    violation = get_violation(scope, pk)
    if violation is None:
        raise Http404
    user = request.user
    made = record.build(
        violation,
        user.get_full_name() or user.get_username(),
        clock.now().astimezone(local_tz()).date(),
    )
    if fmt == "docx":
        response = HttpResponse(record.to_docx(made), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="vi-pham-{violation.pk}.docx"'
        return response
    return render(
        request, "monitoring/violation_record.html", {"violation": violation, "record": made}
    )


@require_POST
@scoped
def violation_state(request, scope, pk):
    violation = get_violation(scope, pk)
    if violation is None:
        raise Http404
    # The Sở handles its province's violations; provider staff need the permission to.
    if scope.province_code is None and not request.user.has_perm("monitoring.change_violation"):
        raise PermissionDenied
    state = request.POST.get("state", "")
    note = request.POST.get("note", "").strip()[:500]
    if state not in (Violation.State.ACKNOWLEDGED, Violation.State.RESOLVED):
        context = _detail(violation) | {"error": _("Trạng thái không hợp lệ.")}
        return render(request, "monitoring/violation_detail.html", context, status=422)
    if state == Violation.State.RESOLVED and not note:
        context = _detail(violation) | {"error": _("Hãy ghi cách đã xử lý vi phạm.")}
        return render(request, "monitoring/violation_detail.html", context, status=422)
    services.set_state(violation, request.user, state, note)
    messages.success(request, _("Đã cập nhật trạng thái vi phạm."))
    return redirect("monitoring-violation", violation.pk)
