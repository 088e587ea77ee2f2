from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "netpoint.customers"
    verbose_name = "Khách hàng"
