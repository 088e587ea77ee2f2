from django.core.management.base import BaseCommand

from netpoint.provider.modules.games import deadlines


class Command(BaseCommand):
    help = (
        "E-mail reminders of the semi-annual online games report (first week of January and "
        "July), each once. Run it daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(deadlines.send_reminders()))
