"""The cashier's one click that lets a station which lost its pairing pair again
(netpoint.point.stations.registration)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netpoint.point.stations import registration
from netpoint.point.stations.models import Station


@login_required
@require_POST
def approve(request, pk):
    station = None
    chosen = request.POST.get("station", "")
    if chosen:
        station = (
            Station.objects.filter(pk=int(chosen)).first()
            if chosen.isascii() and chosen.isdigit()
            else None
        )
        if station is None:
            messages.error(request, _("Không có máy trạm này."))
            return redirect("station-grid")
    try:
        approved = registration.approve(pk, request.user, station)
    except registration.RegistrationError as err:
        messages.error(request, str(err))
        return redirect("station-grid")
    messages.success(
        request,
        _("Đã duyệt: máy %(station)s sẽ ghép lại trong vài giây.") % {"station": approved.station},
    )
    return redirect("station-grid")
