from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "netpoint.provider.records"
    label = "records"
    verbose_name = _("Cơ sở dữ liệu khách hàng tập trung")

    def ready(self):
        from django.db.backends.signals import connection_created

        from netpoint.provider.records.attribution import use_generic_plans
        from netpoint.provider.records.checks import sealing_keys

        checks.register(sealing_keys)
        connection_created.connect(use_generic_plans, dispatch_uid="records-generic-plans")
