from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "netpoint.billing"
    verbose_name = "Thu ngân"
