from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "netpoint.records"
    verbose_name = _("Cơ sở dữ liệu khách hàng tập trung")

    def ready(self):
        from netpoint.records.checks import sealing_keys

        checks.register(sealing_keys)
