from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "netpoint.common.core"
    label = "core"
    verbose_name = _("Điểm truy nhập")

    def ready(self):
        from netpoint.common.core.checks import app_settings

        checks.register(app_settings)
