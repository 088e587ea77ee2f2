from django.core.management.base import BaseCommand

from netpoint.provider.registry import services


class Command(BaseCommand):
    help = "List the active points whose licence has expired or expires soon."

    def handle(self, *args, **options):
        warnings = services.licence_warnings()
        for point, state in warnings:
            expires_on = f"{point.licence_expires_on:%Y-%m-%d}"
            if state.code == "expired":
                when = f"expired {expires_on}, {-state.days_left} days ago"
            else:
                when = f"expires {expires_on}, in {state.days_left} days"
            self.stdout.write(f"{point.code}\t{point.name}\t{when}")
        self.stdout.write(f"{len(warnings)} licences need attention")
