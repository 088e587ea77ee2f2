"""Online games' links and homes (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home

SECTION = _("Trò chơi trực tuyến")

ENTRIES = [
    Entry(_("Danh mục trò chơi"), "games-list", "games.view_game", 60, SECTION),
    Entry(_("Tài khoản người chơi"), "games-accounts", "games.view_account", 61, SECTION),
    Entry(_("Báo cáo 6 tháng"), "games-reports", "games.view_semiannualreport", 62, SECTION),
]
HOMES = [
    # The game operator's manager keeps the catalogue; the reporter writes the report.
    Home("games-list", "games.add_game", 60),
    Home("games-reports", "games.view_semiannualreport", 65),
]
