from django.apps import AppConfig


class StationsConfig(AppConfig):
    name = "netpoint.stations"
    verbose_name = "Máy trạm"
