from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "netpoint.common.audit"
    label = "audit"
    verbose_name = _("Nhật ký kiểm toán")

    def ready(self):
        from netpoint.common.audit import signals  # noqa: F401 - connects the login receivers
