from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OwnerConfig(AppConfig):
    name = "netpoint.point.owner"
    label = "owner"
    verbose_name = _("Quản lý của chủ quán")
