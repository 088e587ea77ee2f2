from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccesslogConfig(AppConfig):
    name = "netpoint.point.accesslog"
    label = "accesslog"
    verbose_name = _("Nhật ký truy cập")
