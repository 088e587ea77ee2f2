from django.core.management.base import BaseCommand

from netpoint.records import sealed


class Command(BaseCommand):
    help = (
        "Seal every ID and phone number again with the active key of NETPOINT_SEALING_KEYS "
        "(after adding a new key and making it active); with --reindex, also recompute the "
        "blind indexes with the current index key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reindex", action="store_true")

    def handle(self, *args, reindex, **options):
        changed = sealed.reseal_people(reindex=reindex)
        self.stdout.write(f"{changed} people sealed again with the active key")
