"""`{{ seconds|played_time }}`: the time a customer has used, as the grid writes it."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def played_time(seconds) -> str:
    if seconds in (None, ""):
        return ""
    minutes = int(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d giờ %(minutes)02d phút") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d phút") % {"minutes": minutes}
