from django.core.management.base import BaseCommand, CommandError

from netpoint.point.uplink import services


class Command(BaseCommand):
    help = "Enroll this point with its provider, using the one-time code the provider issued."

    def add_arguments(self, parser):
        parser.add_argument("provider_url", help="for example https://icafe.example.vn")
        parser.add_argument("code", help="the one-time enrollment code, e.g. ABCD-EFGH-JKMN")

    def handle(self, *args, provider_url, code, **options):
        if not provider_url.startswith(("https://", "http://")):
            raise CommandError("the provider's address starts with https:// (or http://)")
        try:
            current = services.enroll(provider_url, code)
        except services.SendFailed as failure:
            raise CommandError(f"enrollment refused: {failure}") from None
        self.stdout.write(f"Enrolled as point {current.point_code} with {current.provider_url}")
