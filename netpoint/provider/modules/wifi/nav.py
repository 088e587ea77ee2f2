"""Public Wi-Fi's links (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry

SECTION = _("Wi-Fi công cộng")

ENTRIES = [
    Entry(_("Phiên Wi-Fi"), "wifi-sessions", "wifi.view_radacct", 50, SECTION),
    Entry(_("Thống kê Wi-Fi"), "wifi-statistics", "wifi.view_radacct", 51, SECTION),
    Entry(_("Thiết bị truy nhập Wi-Fi (NAS)"), "wifi-nas-list", "wifi.view_nas", 52, SECTION),
]
