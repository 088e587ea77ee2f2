from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NatConfig(AppConfig):
    name = "netpoint.provider.modules.nat"
    label = "nat"
    verbose_name = _("Nhật ký NAT")
