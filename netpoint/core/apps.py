from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netpoint.core"
    verbose_name = "Điểm truy nhập"
