from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netpoint.point.accesslog import services as accesslog
from netpoint.point.gate import services as gate
from netpoint.point.stations import services
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import Station
from netpoint.point.uplink import services as uplink


class MessageForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Tin nhắn"), max_length=500, strip=True)


def _grid_context() -> dict:
    return {
        "rows": services.grid(),
        "sync": uplink.sync_state(),
        "silent_free": services.silent_free_stations(),
        "no_session_traffic": accesslog.traffic_without_session(),
        "gate": gate.state(),
    }


@login_required
def grid(request):
    return render(request, "stations/grid.html", _grid_context())


@login_required
def grid_fragment(request):
    return render(request, "stations/grid_fragment.html", _grid_context())


@login_required
@require_POST
def maintenance(request, pk, unlocked: bool):
    station = get_object_or_404(Station, pk=pk)
    services.set_maintenance(station, unlocked, cashier=request.user)
    done = _("Đã mở khóa bảo trì máy %(station)s.") if unlocked else _("Đã khóa máy %(station)s.")
    messages.success(request, done % {"station": station})
    return redirect("station-grid")


@login_required
def send_message(request, pk):
    station = get_object_or_404(Station, pk=pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.send_message(station, form.cleaned_data["text"], cashier=request.user)
        messages.success(request, _("Đã gửi tin nhắn tới máy %(station)s.") % {"station": station})
        return redirect("station-grid")
    return render(request, "stations/message.html", {"station": station, "form": form})


@login_required
@require_POST
def pairing_code(request, pk):
    station = get_object_or_404(Station, pk=pk)
    code = services.new_pairing_code(station, cashier=request.user)
    minutes = conf().pairing_code_minutes
    context = {"station": station, "code": code, "minutes": minutes}
    return render(request, "stations/pairing_code.html", context)
