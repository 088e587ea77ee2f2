from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "netpoint.common.core"
    label = "core"
    verbose_name = _("Điểm truy nhập")
