from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WifiConfig(AppConfig):
    name = "netpoint.provider.modules.wifi"
    label = "wifi"
    verbose_name = _("Wi-Fi công cộng")
