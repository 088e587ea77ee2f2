from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class WifiConfig(AppConfig):
    name = "netpoint.provider.modules.wifi"
    label = "wifi"
    verbose_name = _("Wi-Fi công cộng")

    def ready(self):
        from netpoint.provider.modules.wifi.checks import sms_gateway

        checks.register(sms_gateway)
