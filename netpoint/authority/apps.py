from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorityConfig(AppConfig):
    name = "netpoint.authority"
    verbose_name = _("Yêu cầu của cơ quan chức năng")
