"""`{% menu as sections %}`: the menu of the `nav` door for the user of the page
(netpoint.common.core.nav)."""

from django import template

from netpoint.common.core.nav import menu as menu_of

register = template.Library()


@register.simple_tag(takes_context=True)
def menu(context):
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if request is None:
        return menu_of(user)
    # Drawn twice a page (the bar, the section's sub-menu): worked out once.
    if not hasattr(request, "_netpoint_menu"):
        request._netpoint_menu = menu_of(user, request.get_full_path())
    return request._netpoint_menu
