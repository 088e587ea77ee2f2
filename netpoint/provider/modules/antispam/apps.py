from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntispamConfig(AppConfig):
    name = "netpoint.provider.modules.antispam"
    label = "antispam"
    verbose_name = _("Chống thư rác, tin nhắn rác")
