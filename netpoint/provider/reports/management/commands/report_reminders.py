from django.core.management.base import BaseCommand

from netpoint.provider.reports import services


class Command(BaseCommand):
    help = "E-mail reminders of reports due soon or overdue, each once (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(str(services.send_reminders()))
