from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CustomersConfig(AppConfig):
    name = "netpoint.point.customers"
    label = "customers"
    verbose_name = _("Khách hàng")

    def ready(self):
        from netpoint.point.customers.checks import sealing_keys

        checks.register(sealing_keys)
