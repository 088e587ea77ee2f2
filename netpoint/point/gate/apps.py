from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GateConfig(AppConfig):
    name = "netpoint.point.gate"
    label = "gate"
    verbose_name = _("Cổng mạng")

    def ready(self):
        # The gate follows sessions and pairings through signals: neither app imports it.
        from netpoint.point.gate import signals

        signals.connect()
