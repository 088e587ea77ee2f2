from django.core.management.base import BaseCommand

from netpoint.registry import services


class Command(BaseCommand):
    help = "List the active points whose licence has expired or expires soon."

    def handle(self, *args, **options):
        warnings = services.licence_warnings()
        for point, state in warnings:
            when = "expired" if state.code == "expired" else "expires"
            self.stdout.write(
                f"{point.code}\t{point.name}\t{when} {point.licence_expires_on:%Y-%m-%d}"
                f" ({state.days_left} days)"
            )
        self.stdout.write(f"{len(warnings)} licences need attention")
