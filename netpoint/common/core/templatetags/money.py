"""`{{ amount|vnd }}`: 160.350 đ on every page (netpoint.common.money)."""

from django import template

from netpoint.common.money import vnd as written

register = template.Library()


@register.filter
def vnd(amount) -> str:
    if amount in (None, ""):
        return ""
    return written(int(amount))
