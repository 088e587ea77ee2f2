"""The provider staff's pages: points, enterprises, enrollment codes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import IntegrityError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.common.audit import services as audit
from netpoint.provider.records import services as records
from netpoint.provider.registry import divisions, imports, services, wardfinder
from netpoint.provider.registry.forms import EnterpriseForm, PointForm, PointImportForm
from netpoint.provider.registry.licences import STATES
from netpoint.provider.registry.models import Enterprise, Point, PointKey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def _row(point: Point, key: PointKey | None) -> dict:
    return {
        "point": point,
        "province": divisions.province_name(point.province_code),
        "ward": divisions.ward_name(point.ward_code),
        "licence": services.licence_of(point),
        "key": key,
    }


def _detail(point: Point) -> dict:
    return _row(point, services.enrolled_key(point)) | {"link": records.link_state(point)}


@login_required
@permission_required("registry.view_point", raise_exception=True)
def point_list(request):
    active_keys = PointKey.objects.filter(revoked_at__isnull=True)
    points = Point.objects.prefetch_related(Prefetch("keys", active_keys, to_attr="active_keys"))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        points = points.filter(Q(code__icontains=query) | Q(name__icontains=query))
    province = request.GET.get("province", "")
    if province.isascii() and province.isdigit():
        points = points.filter(province_code=int(province))
    point_type = request.GET.get("type", "")
    if point_type in Point.Type.values:
        points = points.filter(point_type=point_type)
    licence = request.GET.get("licence", "")
    if licence in STATES:
        points = services.with_licence(points, licence)
    context = {
        "rows": [_row(p, next(iter(p.active_keys), None)) for p in points[:500]],
        "query": query,
        "province": province,
        "point_type": point_type,
        "licence": licence,
        "provinces": divisions.provinces(),
        "types": Point.Type.choices,
        "warnings": services.licence_warnings(),
    }
    return render(request, "registry/point_list.html", context)


@login_required
@permission_required("registry.view_point", raise_exception=True)
def point_detail(request, pk):
    point = get_object_or_404(Point.objects.select_related("enterprise"), pk=pk)
    return render(request, "registry/point_detail.html", _detail(point))


def _point_form(request, instance=None):
    form = PointForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        point = form.save()
        audit.record("point_saved", user=request.user, target=point.code)
        messages.success(request, _("Đã lưu điểm %(code)s.") % {"code": point.code})
        return redirect("registry-point", point.pk)
    return render(request, "registry/point_form.html", {"form": form, "point": instance})


@login_required
@permission_required("registry.add_point", raise_exception=True)
def point_new(request):
    return _point_form(request)


@login_required
@permission_required("registry.change_point", raise_exception=True)
def point_edit(request, pk):
    return _point_form(request, get_object_or_404(Point, pk=pk))


@require_POST
@login_required
@permission_required("registry.change_point", raise_exception=True)
def enrollment_code(request, pk):
    """The code is shown once, on this response; only its hash is kept."""
    point = get_object_or_404(Point, pk=pk)
    context = _detail(point) | {"code": services.issue_enrollment_code(point, request.user)}
    audit.record("enrollment_code_issued", user=request.user, target=point.code)
    return render(request, "registry/point_detail.html", context)


@login_required
@permission_required("registry.view_point", raise_exception=True)
def wards(request):
    """The province's wards that `q` names (all of them without `q`), as <option>s: the point
    form's list, refreshed as the province changes and as one types (wards.js)."""
    province = request.GET.get("province", "")
    typed = request.GET.get("q", "")[:100]
    known = province.isascii() and province.isdigit()
    found = wardfinder.matches(int(province), typed, limit=200) if known else []
    return render(request, "registry/ward_options.html", {"wards": found})


@login_required
@permission_required("registry.view_enterprise", raise_exception=True)
def enterprise_list(request):
    enterprises = Enterprise.objects.annotate(point_count=Count("points"))
    return render(request, "registry/enterprise_list.html", {"enterprises": enterprises})


@login_required
@permission_required("registry.add_enterprise", raise_exception=True)
def enterprise_new(request):
    return _enterprise_form(request)


@login_required
@permission_required("registry.change_enterprise", raise_exception=True)
def enterprise_edit(request, pk):
    return _enterprise_form(request, get_object_or_404(Enterprise, pk=pk))


def _enterprise_form(request, instance=None):
    form = EnterpriseForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        enterprise = form.save()
        audit.record("enterprise_saved", user=request.user, target=enterprise.tax_code)
        messages.success(request, _("Đã lưu doanh nghiệp."))
        return redirect("registry-enterprises")
    return render(request, "registry/enterprise_form.html", {"form": form})


@login_required
@permission_required("registry.add_point", raise_exception=True)
def point_import(request):
    """Upload a file of points: all are created, or none and the report of every bad row."""
    form = PointImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "required": [c.header for c in imports.COLUMNS if c.required]}
    if request.method != "POST":
        return render(request, "registry/point_import.html", context)
    if not form.is_valid():
        return render(request, "registry/point_import.html", context, status=422)
    upload = form.cleaned_data["file"]
    try:
        rows = imports.read(upload.name, upload.read(imports.MAX_BYTES + 1))
        checked = imports.check(form.cleaned_data["enterprise"], rows)
    except imports.UnreadableFile as unreadable:
        form.add_error("file", str(unreadable))
        return render(request, "registry/point_import.html", context, status=422)
    if checked.problems:
        context |= {"problems": checked.problems, "checked": checked}
        return render(request, "registry/point_import.html", context, status=422)
    try:
        points = services.create_points(checked.forms, request.user)
    except IntegrityError:  # a code registered meanwhile, by someone else: nothing was saved
        form.add_error("file", _("Một mã điểm vừa được đăng ký trong lúc nhập; hãy tải lên lại."))
        return render(request, "registry/point_import.html", context, status=409)
    context |= {"created": [_row(p, None) for p in points]}
    messages.success(request, _("Đã nhập %(count)s điểm.") % {"count": len(points)})
    return render(request, "registry/point_import.html", context)


@login_required
@permission_required("registry.add_point", raise_exception=True)
def import_template(request, fmt):
    makers = {"xlsx": (imports.template_xlsx, XLSX), "csv": (imports.template_csv, CSV)}
    if fmt not in makers:
        raise Http404
    make, content_type = makers[fmt]
    response = HttpResponse(make(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-diem.{fmt}"'
    return response
