"""Authority pages: register a written request, decide on it, search under it, export."""

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.provider.authority import disclosure, exports, requests, search, services
from netpoint.provider.authority.access import ACCESS_ROWS_SHOWN, search_access
from netpoint.provider.authority.forms import DecisionForm, RequestForm, SearchForm
from netpoint.provider.authority.models import Member, WrittenRequest
from netpoint.provider.authority.scope import SearchRefused

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}

# What a scanned letter is shown as in the browser.
SCAN_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/tiff", "image/webp"}


@login_required
@permission_required("authority.view_writtenrequest", raise_exception=True)
def request_list(request):
    visible = (
        requests.visible_requests(request.user)
        .select_related("organisation")
        .order_by("-registered_at")
    )
    # The approving officer's home: the letters waiting for their decision.
    pending = request.GET.get("trang-thai") == "cho-duyet"
    if pending:
        visible = visible.filter(status=WrittenRequest.Status.PENDING)
    return render(request, "authority/list.html", {"requests": visible[:200], "pending": pending})


@login_required
@permission_required("authority.add_writtenrequest", raise_exception=True)
def request_new(request):
    member = Member.objects.filter(user=request.user).select_related("organisation").first()
    if member is None:
        raise PermissionDenied
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        written = services.register(member.organisation, request.user, form.cleaned_data)
        if form.cleaned_data["scan"]:
            written.scan = form.cleaned_data["scan"]
            written.save(update_fields=["scan"])
        messages.success(request, _("Đã đăng ký văn bản; chờ phê duyệt."))
        return redirect("authority-request", written.pk)
    return render(request, "authority/new.html", {"form": form})


@login_required
@permission_required("authority.view_writtenrequest", raise_exception=True)
def request_detail(request, pk):
    written = requests.visible_request(request.user, pk)
    if written is None:
        raise Http404
    return render(request, "authority/detail.html", _detail_context(written, request.user))


def _detail_context(written, user, **extra) -> dict:
    if set(requests.SCOPE_LISTS) & written.get_deferred_fields():  # the page counts them
        written.refresh_from_db(fields=requests.SCOPE_LISTS)
    return {
        "written": written,
        "points": written.points.values_list("code", flat=True)[:20],
        "point_count": written.points.count(),
        "decision_form": DecisionForm(),
        "search_form": SearchForm(),
        "can_decide": user.has_perm("authority.decide_writtenrequest")
        and written.status == WrittenRequest.Status.PENDING
        and user.pk != written.registered_by_id,
        "pending_exports": written.exports.filter(approved_at__isnull=True).select_related(
            "requested_by"
        )
        if user.has_perm("authority.decide_writtenrequest")
        else [],
        "can_search": requests.organisation_of(user) == written.organisation_id,
    } | extra


@require_POST
@login_required
@permission_required("authority.decide_writtenrequest", raise_exception=True)
def request_decide(request, pk):
    written = get_object_or_404(WrittenRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        context = _detail_context(written, request.user, decision_form=form)
        return render(request, "authority/detail.html", context, status=422)
    if request.POST.get("confirmed") != "1":
        # A decision opens (or closes) people's data to an authority: said again in words,
        # written only when confirmed.
        context = _detail_context(written, request.user, confirm=form.cleaned_data)
        return render(request, "authority/detail.html", context)
    try:
        services.decide(
            written, request.user, form.cleaned_data["approve"], form.cleaned_data["reason"]
        )
    except (PermissionError, ValueError):
        raise PermissionDenied from None
    messages.success(request, _("Đã ghi quyết định."))
    return redirect("authority-request", written.pk)


@require_POST
@login_required
@permission_required("authority.view_writtenrequest", raise_exception=True)
def request_search(request, pk):
    """By POST only: what is searched for (ID and phone numbers) never goes in a URL."""
    written = requests.visible_request(request.user, pk)
    if written is None:
        raise Http404
    form = SearchForm(request.POST)
    try:
        search.check_member(written, request.user)
    except SearchRefused as refused:
        context = _detail_context(written, request.user, refusal=refused.message)
        return render(request, "authority/detail.html", context, status=403)
    if not form.is_valid():
        context = _detail_context(written, request.user, search_form=form)
        return render(request, "authority/detail.html", context, status=422)
    try:
        data = form.cleaned_data
        found, digest, source = search.searched(
            written, request.user, data["kind"], data["value"], data["at"]
        )
    except SearchRefused as refused:
        context = _detail_context(written, request.user, search_form=form, refusal=refused.message)
        return render(request, "authority/detail.html", context, status=403)
    # Which button was pressed: Tìm (""), Xuất Excel or Xuất Word.
    fmt = request.POST.get("fmt", "")
    if fmt and fmt not in CONTENT_TYPES:
        context = _detail_context(
            written, request.user, search_form=form, refusal=_("Không có định dạng xuất này.")
        )
        return render(request, "authority/detail.html", context, status=422)
    if fmt:
        try:
            asked = form.cleaned_data
            data = exports.export(
                written,
                request.user,
                found,
                fmt,
                search=digest,
                access=lambda: search_access(
                    written, request.user, asked["kind"], asked["value"], asked["at"]
                ),
                access_limit=ACCESS_ROWS_SHOWN,
            )
        except services.NeedsSecondApproval:
            held = _(
                "Xuất dữ liệu của %(count)s người cần một cán bộ phê duyệt thứ hai; đã gửi "
                "yêu cầu, hãy xuất lại khi được duyệt."
            ) % {"count": len(found)}
            context = _detail_context(
                written,
                request.user,
                search_form=form,
                found=disclosure.withheld(found),
                withheld=True,
                refusal=held,
            )
            return render(request, "authority/detail.html", context, status=403)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        if fmt != "html":  # the printable page opens in the browser
            disposition = f'attachment; filename="ket-qua-{written.pk}.{fmt}"'
            response["Content-Disposition"] = disposition
        return response
    shown = services.disclose(written, request.user, found, digest, "search")
    asked = form.cleaned_data
    access = search_access(written, request.user, asked["kind"], asked["value"], asked["at"])
    context = _detail_context(
        written,
        request.user,
        search_form=form,
        found=shown.people,
        withheld=shown.withheld,
        access=access,
        access_limit=ACCESS_ROWS_SHOWN,
        read_from=source,
    )
    return render(request, "authority/detail.html", context)


@require_POST
@login_required
@permission_required("authority.decide_writtenrequest", raise_exception=True)
def export_approve(request, pk, approval):
    written = get_object_or_404(WrittenRequest, pk=pk)
    pending = get_object_or_404(written.exports, pk=approval, approved_at__isnull=True)
    try:
        services.approve_export(pending, request.user)
    except PermissionError:
        raise PermissionDenied from None
    messages.success(request, _("Đã duyệt xuất dữ liệu."))
    return redirect("authority-request", written.pk)


@login_required
@permission_required("authority.view_writtenrequest", raise_exception=True)
def request_scope(request, pk):
    """The ID and phone numbers the letter names, unsealed for whoever sees the request (the
    approving officer decides on what they read here); each reading is audited."""
    written = requests.visible_request(request.user, pk)
    if written is None:
        raise Http404
    scope = services.read_scope(written, request.user)
    context = _detail_context(written, request.user, scope_values=scope)
    return render(request, "authority/detail.html", context)


@login_required
@permission_required("authority.view_writtenrequest", raise_exception=True)
def request_scan(request, pk):
    """The scanned letter, opened in the browser; each opening is audited."""
    written = requests.visible_request(request.user, pk)
    if written is None or not written.scan:
        raise Http404
    try:
        opened = written.scan.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.scan_opened(written, request.user)
    kind = mimetypes.guess_type(written.scan.name)[0]
    # Opened in the browser only as what a scan is; anything else (an HTML file would run in
    # this site's origin) is downloaded as bytes.
    shown = kind in SCAN_TYPES
    response = FileResponse(opened, content_type=kind if shown else "application/octet-stream")
    suffix = Path(written.scan.name).suffix.lower() if shown else ""
    disposition = "inline" if shown else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="van-ban-{written.pk}{suffix}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
