"""Anti-spam's links and homes (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home

SECTION = _("Chống thư rác")

ENTRIES = [
    Entry(_("Khách hàng quảng cáo"), "antispam-customers", "antispam.view_customer", 70, SECTION),
    Entry(_("Yêu cầu từ chối"), "antispam-optouts", "antispam.view_optoutrequest", 71, SECTION),
    Entry(_("Danh sách DNC"), "antispam-dnc", "antispam.add_donotcall", 72, SECTION),
    Entry(_("Tin rác"), "antispam-spam-reports", "antispam.view_spamreport", 73, SECTION),
    Entry(_("Báo cáo chống thư rác"), "antispam-reports", "antispam.make_report", 74, SECTION),
    Entry(_("Báo cáo đã lập"), "antispam-archive", "antispam.make_report", 75, SECTION),
]
HOMES = [
    # The operator's day: the advertisers, their messages and opt-outs.
    Home("antispam-customers", "antispam.add_customer", 70),
    Home("antispam-reports", "antispam.make_report", 75),
]
