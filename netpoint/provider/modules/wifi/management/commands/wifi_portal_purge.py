from django.core.management.base import BaseCommand

from netpoint.provider.modules.wifi import portal


class Command(BaseCommand):
    help = (
        "Delete captive portal code attempts older than NETPOINT_WIFI['attempt_retention_hours'] "
        "(their sealed phone numbers with them). Run it hourly or daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"attempts\t{portal.purge_attempts()}")
