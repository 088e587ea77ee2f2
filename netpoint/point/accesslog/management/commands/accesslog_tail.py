import time

from django.core.management.base import BaseCommand

from netpoint.point.accesslog import services
from netpoint.point.accesslog.conf import conf
from netpoint.point.accesslog.tailer import Tailer

PRUNE_EVERY_SECONDS = 3600


class Command(BaseCommand):
    help = (
        "Follow the gateway's log files (dnsmasq log-queries, Squid access.log) and store "
        "their access records; forgets the point's records past NETPOINT_ACCESSLOG's retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dnsmasq", action="append", default=[], metavar="PATH")
        parser.add_argument("--squid", action="append", default=[], metavar="PATH")
        parser.add_argument("--once", action="store_true", help="read what is there, then stop")

    def handle(self, *args, **options):
        tailers = [Tailer(path, "dnsmasq") for path in options["dnsmasq"]]
        tailers += [Tailer(path, "squid") for path in options["squid"]]
        if not tailers:
            self.stderr.write("name at least one file with --dnsmasq or --squid")
            return
        pruned_at = 0.0
        while True:
            read = sum(tailer.run_until_idle() for tailer in tailers)
            if options["once"]:
                self.stdout.write(f"{read} bytes read")
                return
            if time.monotonic() - pruned_at > PRUNE_EVERY_SECONDS:
                services.prune()
                pruned_at = time.monotonic()
            time.sleep(conf().poll_seconds)
