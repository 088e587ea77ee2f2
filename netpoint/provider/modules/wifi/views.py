"""The provider staff's Wi-Fi pages: the hotspots' access controllers (NAS) and their portal,
the sessions still open, ending one, the statistics."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netpoint.common.audit import services as audit
from netpoint.provider.modules.wifi import services, stats
from netpoint.provider.modules.wifi.forms import NasForm, StatsForm
from netpoint.provider.modules.wifi.models import Nas, RadAcct

ANSWERS = {
    "ack": (messages.SUCCESS, gettext_lazy("Thiết bị NAS đã ngắt phiên.")),
    "nak": (messages.ERROR, gettext_lazy("Thiết bị NAS từ chối ngắt phiên.")),
    "no_answer": (messages.ERROR, gettext_lazy("Thiết bị NAS không trả lời yêu cầu ngắt phiên.")),
}


@login_required
@permission_required("wifi.view_radacct", raise_exception=True)
def session_list(request):
    # MAC addresses belong to people: every look is in the audit log.
    audit.record("wifi_sessions_viewed", user=request.user)
    sessions = RadAcct.objects.filter(acctstoptime__isnull=True).order_by("-acctstarttime")
    return render(request, "wifi/session_list.html", {"sessions": sessions[:200]})


@login_required
@permission_required("wifi.disconnect_radacct", raise_exception=True)
@require_POST
def session_disconnect(request, pk: int):
    session = get_object_or_404(RadAcct, pk=pk, acctstoptime__isnull=True)
    try:
        answer = services.disconnect(session, request.user)
    except services.WifiError as error:
        messages.error(request, str(error))
    else:
        level, text = ANSWERS[answer]
        messages.add_message(request, level, text)
    return redirect("wifi-sessions")


@login_required
@permission_required("wifi.view_radacct", raise_exception=True)
def statistics(request):
    # Counts only, no MAC or login: nothing here for the audit log.
    form = StatsForm(request.GET)
    if not form.is_valid():
        return render(request, "wifi/statistics.html", {"form": form}, status=422)
    figures = stats.statistics(form.selection())
    return render(request, "wifi/statistics.html", {"form": form, "figures": figures})


@login_required
@permission_required("wifi.view_nas", raise_exception=True)
def nas_list(request):
    devices = Nas.objects.select_related("point").order_by("point__code", "name")
    return render(request, "wifi/nas_list.html", {"devices": devices})


@login_required
@permission_required("wifi.add_nas", raise_exception=True)
def nas_new(request):
    return _nas_form(request, Nas())


@login_required
@permission_required("wifi.change_nas", raise_exception=True)
def nas_edit(request, pk: int):
    return _nas_form(request, get_object_or_404(Nas, pk=pk))


def _nas_form(request, nas: Nas):
    form = NasForm(request.POST if request.method == "POST" else None, instance=nas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.save_nas(
            form.save(commit=False),
            form.changed_data,
            request.user,
            secret=data["secret"],
            portal_key=data["portal_key"],
            event_key=data["event_key"],
        )
        messages.success(request, gettext_lazy("Đã lưu thiết bị %(name)s.") % {"name": saved.name})
        return redirect("wifi-nas-list")
    status = 422 if form.errors else 200
    return render(request, "wifi/nas_form.html", {"form": form, "nas": nas}, status=status)
