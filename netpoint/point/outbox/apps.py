from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "netpoint.point.outbox"
    label = "outbox"
    verbose_name = _("Hàng đợi gửi nhà cung cấp")
