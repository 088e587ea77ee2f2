"""`{% registrations %}`: the stations asking to be paired again, above the cashier's grid.
A tag rather than grid context, so every view that draws the grid shows them."""

from django import template

from netpoint.point.stations import registration
from netpoint.point.stations.models import Station

register = template.Library()


@register.inclusion_tag("stations/registrations.html", takes_context=True)
def registrations(context):
    waiting = registration.waiting()
    unknown = any(row.request.station is None for row in waiting)
    return {
        "waiting": waiting,
        "stations": list(Station.objects.order_by("name")) if unknown else [],
        "csrf_token": context.get("csrf_token"),
    }
