"""Monitoring's links and home (the nav door, netpoint.common.core.nav): a Sở TT&TT member
(their province) and the provider's compliance staff (every province)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home
from netpoint.provider.monitoring.scope import scope_of

SECTION = _("Giám sát")


def watches(user) -> bool:
    """Asked by each link and the home: the member row is read once per user object."""
    if not hasattr(user, "_monitoring_watches"):
        user._monitoring_watches = scope_of(user) is not None
    return user._monitoring_watches


ENTRIES = [
    Entry(_("Tổng quan"), "monitoring-dashboard", watches, 30, SECTION),
    Entry(_("Điểm trên địa bàn"), "monitoring-points", watches, 31, SECTION),
    Entry(_("Vi phạm"), "monitoring-violations", watches, 32, SECTION),
]
HOMES = [Home("monitoring-dashboard", watches, 30)]
