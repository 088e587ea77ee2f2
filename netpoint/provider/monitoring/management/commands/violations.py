from django.core.management.base import BaseCommand

from netpoint.provider.monitoring import services


class Command(BaseCommand):
    help = (
        "Find violations in the central records and e-mail the new ones (run on a schedule); "
        "a notice the mail server does not take waits for a later run."
    )

    def handle(self, *args, **options):
        done = services.find_violations()
        mail = done.mail
        line = (
            f"{len(done.noticed)} new violations; notices: {mail.sent} sent, {mail.pending} pending"
        )
        if mail.next_try_at is not None:
            line += f" (next try {mail.next_try_at:%Y-%m-%d %H:%M} UTC)"
        self.stdout.write(line)
