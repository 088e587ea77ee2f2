from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netpoint.common.core import clock
from netpoint.common.money import vnd
from netpoint.point.accesslog import services as accesslog
from netpoint.point.gate import services as gate
from netpoint.point.sessions import services as sessions
from netpoint.point.sessions.models import Session
from netpoint.point.stations import services
from netpoint.point.stations.conf import conf
from netpoint.point.stations.models import Station
from netpoint.point.uplink import services as uplink


class MessageForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Tin nhắn"), max_length=500, strip=True)


def _grid_context() -> dict:
    rows = services.grid()
    return {
        "rows": rows,
        "counts": services.grid_counts(rows),
        "sync": uplink.sync_state(),
        "silent_free": services.silent_free_stations(),
        "no_session_traffic": accesslog.traffic_without_session(),
        "gate": gate.state(),
    }


@login_required
def grid(request):
    return render(request, "stations/grid.html", _grid_context())


LOGIN_NEEDED = "X-Netpoint-Login"


def grid_fragment(request):
    """The grid's 3-second refresh. Signed out (the login expired, or someone signed out in
    another tab), it answers 401 with the login page's address, and the page goes there whole:
    a redirect would be followed by fetch() and the login form drawn inside the grid."""
    if not request.user.is_authenticated:
        response = HttpResponse(_("Phiên đăng nhập đã hết hạn."), status=401)
        response[LOGIN_NEEDED] = resolve_url(settings.LOGIN_URL)
        return response
    return render(request, "stations/grid_fragment.html", _grid_context())


LOCK_CHOICES = ("pause", "end")


@login_required
def unlock(request, pk):
    """Unmetered use is rare and costs the café money: the grid's menu links here (GET), the
    cashier confirms on a small page, and only the POST unlocks."""
    station = get_object_or_404(Station, pk=pk)
    if request.method != "POST":
        return _confirm(
            request,
            station,
            question=_("Mở khóa bảo trì máy %(station)s?") % {"station": station},
            detail=_("Máy sẽ dùng được mà không có phiên và không tính tiền, đến khi bấm “Khóa”."),
            action="station-unlock",
            button=_("Mở khóa bảo trì"),
        )
    services.set_maintenance(station, True, cashier=request.user)
    messages.success(request, _("Đã mở khóa bảo trì máy %(station)s.") % {"station": station})
    return redirect("station-grid")


@login_required
@require_POST
def lock(request, pk):
    """The grid's "Khóa máy". In use, the cashier is asked on a small page (posted without a
    choice): pause the session or end and bill it. Free, it ends a maintenance unlock as it
    always did."""
    station = get_object_or_404(Station, pk=pk)
    choice = request.POST.get("choice")
    session = sessions.running_session(station)
    if session is None:
        if choice is not None:
            messages.error(
                request, _("Máy %(station)s không có phiên nào đang chạy.") % {"station": station}
            )
        else:
            services.set_maintenance(station, False, cashier=request.user)
            messages.success(request, _("Đã khóa máy %(station)s.") % {"station": station})
        return redirect("station-grid")
    if choice is None:
        return _lock_choice(request, station, session)
    if choice not in LOCK_CHOICES:
        error = _("Hãy chọn “Tạm dừng phiên” hoặc “Kết thúc và tính tiền”.")
        return _lock_choice(request, station, session, error=error, status=400)
    try:
        session = services.lock_in_use(station, end=choice == "end", cashier=request.user)
    except sessions.PauseRefused as refused:
        messages.error(request, str(refused))
        return redirect("station-grid")
    named = {"station": station}
    if choice == "pause":
        done = _("Đã tạm dừng phiên và khóa máy %(station)s; bấm “Mở lại” để tiếp tục.") % named
    elif session.settled_at is None:
        done = _("Đã kết thúc phiên và khóa máy %(station)s; chờ thanh toán %(charge)s.") % (
            named | {"charge": vnd(session.charge - session.prepaid)}
        )
    else:
        done = _("Đã kết thúc phiên và khóa máy %(station)s; đã trừ %(charge)s.") % (
            named | {"charge": vnd(session.charge)}
        )
    messages.success(request, done)
    return redirect("station-grid")


def _lock_choice(request, station, session: Session, error: str = "", status: int = 200):
    context = {
        "station": station,
        "session": session,
        "paused": session.is_paused,
        "charge": vnd(sessions.current_charge(session, clock.now())),
        "error": error,
    }
    return render(request, "stations/lock.html", context, status=status)


@login_required
@require_POST
def resume(request, pk):
    station = get_object_or_404(Station, pk=pk)
    try:
        services.resume(station, cashier=request.user)
    except sessions.PauseRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã mở lại phiên trên máy %(station)s.") % {"station": station})
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
def pairing_code(request, pk):
    """A new code lets any PC that types it take this station's place: confirmed first (GET
    shows the question, POST makes the code)."""
    station = get_object_or_404(Station, pk=pk)
    if request.method != "POST":
        return _confirm(
            request,
            station,
            question=_("Tạo mã ghép máy mới cho %(station)s?") % {"station": station},
            detail=_("Máy trạm nhập mã này sẽ thay thế máy %(station)s đang ghép.")
            % {"station": station},
            action="station-pairing-code",
            button=_("Tạo mã ghép máy"),
        )
    code = services.new_pairing_code(station, cashier=request.user)
    minutes = conf().pairing_code_minutes
    context = {"station": station, "code": code, "minutes": minutes}
    return render(request, "stations/pairing_code.html", context)


def _confirm(request, station, *, question: str, detail: str, action: str, button: str):
    context = {
        "station": station,
        "question": question,
        "detail": detail,
        "action": action,
        "button": button,
    }
    return render(request, "stations/confirm.html", context)
