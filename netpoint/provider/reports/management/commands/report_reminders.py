from django.core.management.base import BaseCommand

from netpoint.provider.reports import services


class Command(BaseCommand):
    help = "E-mail reminders of reports due soon or overdue, each once (run daily)."

    def handle(self, *args, **options):
        done = services.send_reminders()
        line = f"{done.sent} reminders sent"
        if done.failed:
            line += f"; {done.failed} not taken by the mail server, tried again on the next run"
        self.stdout.write(line)
