"""The reports' links (the nav door, netpoint.common.core.nav): the periodic reports for
compliance staff and, their own province's, for a Sở member; the law's numbers for
staff and Sở members."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry
from netpoint.provider.authority.models import Organisation
from netpoint.provider.authority.requests import member_of
from netpoint.provider.monitoring.nav import department_member
from netpoint.provider.reports import law

SECTION = _("Báo cáo")


def reads_reports(user) -> bool:
    """As views.readable: the permission, or a Sở member (their province's reports)."""
    return user.has_perm("reports.view_report") or department_member(user)


def reads_law(user) -> bool:
    """As law.may_read, from the member row the menu reads once."""
    if user.is_superuser:
        return True
    member = member_of(user)
    if member is not None:
        return member.organisation.kind == Organisation.Kind.DEPARTMENT_ICT
    return user.groups.exclude(name=law.AUTHORITY_ROLE).exists()


ENTRIES = [
    Entry(_("Báo cáo định kỳ"), "reports-list", reads_reports, 40, SECTION),
    Entry(_("Lịch báo cáo"), "reports-calendar", "reports.view_report", 41, SECTION),
    Entry(
        _("Yêu cầu theo Chỉ thị 66"),
        "reports-household-requests",
        "reports.view_report",
        42,
        SECTION,
    ),
    Entry(_("Số liệu pháp luật"), "reports-law", reads_law, 95),
]
