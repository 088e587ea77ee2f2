"""Monitoring's links and home (the nav door, netpoint.common.core.nav): a Sở member
(their province) and the provider's compliance staff (every province)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home
from netpoint.provider.authority.models import Organisation
from netpoint.provider.authority.requests import member_of

SECTION = _("Giám sát")


def department_member(user) -> bool:
    """A member of a Sở of a province (as scope.scope_of reads it)."""
    member = member_of(user)
    organisation = member.organisation if member else None
    return bool(
        organisation
        and organisation.kind == Organisation.Kind.DEPARTMENT_ICT
        and organisation.province_code
    )


def watches(user) -> bool:
    """Whom scope.scope_of gives a scope: a Sở member, or staff (not a member of any
    organisation) allowed to see violations; from the member row the menu reads once."""
    if member_of(user) is not None:
        return department_member(user)
    return user.has_perm("monitoring.view_violation")


ENTRIES = [
    Entry(_("Tổng quan"), "monitoring-dashboard", watches, 30, SECTION),
    Entry(_("Điểm trên địa bàn"), "monitoring-points", watches, 31, SECTION),
    Entry(_("Vi phạm"), "monitoring-violations", watches, 32, SECTION),
]
HOMES = [Home("monitoring-dashboard", watches, 30)]
