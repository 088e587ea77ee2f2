from django.core.management.base import BaseCommand, CommandError

from netpoint.point.uplink import services


class Command(BaseCommand):
    help = "Enroll this point with its provider, using the one-time code the provider issued."

    def add_arguments(self, parser):
        parser.add_argument("provider_url", help="for example https://icafe.example.vn")
        parser.add_argument("code", help="the one-time enrollment code, e.g. ABCD-EFGH-JKMN")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="enroll again although this point is enrolled (a new key, a new link)",
        )

    def handle(self, *args, provider_url, code, replace, **options):
        # The same function as the owner's page, so the same checks and the same refusals.
        try:
            current = services.enroll(provider_url, code, replace=replace)
        except services.EnrollmentFailed as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"Enrolled as point {current.point_code} with {current.provider_url}")
