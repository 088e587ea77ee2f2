"""`{% default_theme %}`: dark on the point's screens (a café's counter sits in a dark room),
light on the provider's office pages. The café's cashier may switch to light; the browser
remembers the choice (netpoint.css, core/base.html)."""

from django import template
from django.conf import settings
from django.urls import get_urlconf

register = template.Library()


@register.simple_tag(takes_context=True)
def default_theme(context) -> str:
    """By the app whose view drew the page (one test process serves both roles), else by the
    URLs served, else by the role this server runs."""
    match = getattr(context.get("request"), "resolver_match", None)
    module = getattr(getattr(match, "func", None), "__module__", "") or ""
    if module.startswith("netpoint.provider."):
        return "light"
    if module.startswith("netpoint.point."):
        return "dark"
    # No view of a role's app (an error page, the audit log of netpoint.common): by the URLs
    # being served, then by the role.
    urls = get_urlconf() or getattr(settings, "ROOT_URLCONF", "")
    if urls.startswith("netpoint.provider."):
        return "light"
    return "dark" if getattr(settings, "NETPOINT_ROLE", "point") == "point" else "light"
