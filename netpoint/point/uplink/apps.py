from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UplinkConfig(AppConfig):
    name = "netpoint.point.uplink"
    label = "uplink"
    verbose_name = _("Kết nối máy chủ doanh nghiệp")
