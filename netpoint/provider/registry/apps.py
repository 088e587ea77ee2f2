from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netpoint.provider.registry"
    label = "registry"
    verbose_name = _("Danh bạ điểm truy nhập")

    def ready(self):
        # A change to a point's policy dates its new version, whatever edits it.
        from netpoint.provider.registry import policy  # noqa: F401
