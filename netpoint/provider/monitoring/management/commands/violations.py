from django.core.management.base import BaseCommand

from netpoint.provider.monitoring import services


class Command(BaseCommand):
    help = "Find violations in the central records and e-mail the new ones (run on a schedule)."

    def handle(self, *args, **options):
        new = services.find_violations()
        self.stdout.write(f"{len(new)} new violations")
