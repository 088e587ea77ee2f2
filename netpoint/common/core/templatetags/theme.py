"""`{% default_theme %}`: dark on the point's screens (a café's counter sits in a dark room),
light on the provider's office pages. The café's cashier may switch to light; the browser
remembers the choice (netpoint.css, core/base.html)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def default_theme() -> str:
    return "dark" if getattr(settings, "NETPOINT_ROLE", "point") == "point" else "light"
