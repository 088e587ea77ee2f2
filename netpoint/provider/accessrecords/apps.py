from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessRecordsConfig(AppConfig):
    name = "netpoint.provider.accessrecords"
    label = "accessrecords"
    verbose_name = _("Nhật ký truy cập tập trung")
