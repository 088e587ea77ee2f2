"""The periodic reports' links (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry

SECTION = _("Báo cáo")

ENTRIES = [
    Entry(_("Báo cáo định kỳ"), "reports-list", "reports.view_report", 40, SECTION),
    Entry(_("Lịch báo cáo"), "reports-calendar", "reports.view_report", 41, SECTION),
]
