from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "netpoint.audit"
    verbose_name = _("Nhật ký kiểm toán")

    def ready(self):
        from netpoint.audit import signals  # noqa: F401 - connects the login receivers
