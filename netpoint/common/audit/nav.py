"""The audit log's link and home (the nav door, netpoint.common.core.nav); only the provider
serves the page, so the point's menu leaves it out."""

from django.utils.translation import gettext_lazy as _

from netpoint.common.core.nav import Entry, Home

ENTRIES = [Entry(_("Kiểm toán"), "audit-log", "audit.view_auditentry", 90)]
HOMES = [Home("audit-log", "audit.view_auditentry", 90)]
