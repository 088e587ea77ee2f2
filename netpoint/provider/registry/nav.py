"""The registry's links and home (the nav door, netpoint.common.core.nav)."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home

ENTRIES = [
    Entry(_("Điểm truy nhập"), "registry-points", "registry.view_point", 10),
    Entry(_("Doanh nghiệp"), "registry-enterprises", "registry.view_enterprise", 11),
    Entry(_("Quy định của các tỉnh"), "registry-province-rules", "registry.view_provincerule", 12),
]
# Provider staff look after the points.
HOMES = [Home("registry-points", "registry.view_point", 10)]
