from django.core.management.base import BaseCommand

from netpoint.provider.modules.games import expiry


class Command(BaseCommand):
    help = (
        "Delete online game usage past NETPOINT_GAMES['usage_retention_days'] and accounts "
        "closed longer than NETPOINT_GAMES['closed_account_retention_days']. Run it daily."
    )

    def handle(self, *args, **options):
        for kind, count in expiry.run().items():
            self.stdout.write(f"{kind}\t{count}")
