import time

from django.core.management.base import BaseCommand, CommandError

from netpoint.point.uplink import services


class Command(BaseCommand):
    help = "Send everything queued in the outbox to the provider now, then stop."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=None, help="events per request")

    def handle(self, *args, batch, **options):
        current = services.link()
        if current is None:
            raise CommandError("this point is not enrolled: run `netpoint enroll` first")
        started, before = time.monotonic(), current.sent_through_seq
        try:
            total = services.drain(current, batch)
        except services.SendFailed as failure:
            sent = current.sent_through_seq - before
            raise CommandError(f"sent {sent} events, then: {failure}") from None
        self.stdout.write(f"Sent {total} events in {time.monotonic() - started:.1f} s")
