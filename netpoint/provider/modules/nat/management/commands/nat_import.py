"""`netpoint nat_import FILE --device IP`: a NAT gateway's syslog file (port-block formats of
netpoint.provider.modules.nat.events, RFC 3339 timestamps as rsyslog writes them) into the
bindings."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from netpoint.provider.modules.nat import events, services

BATCH = 10000


class Command(BaseCommand):
    help = "Imports a NAT gateway's port-block syslog file into the NAT bindings"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--device", required=True, help="the gateway's registered address")

    def handle(self, *args, path, device, **options):
        devices = services.active_devices()
        if device not in devices:
            raise CommandError(f"no active NAT device has the address {device}")
        totals = services.Stored()
        skipped = 0
        with open(path, encoding="utf-8", errors="replace") as lines:
            batch = []
            for line in lines:
                at = events.line_time(line)
                found = events.from_syslog(line, device, at) if at else []
                if not found:
                    skipped += 1
                batch.extend(found)
                if len(batch) >= BATCH:
                    _add(totals, _store(batch, devices))
                    batch = []
            _add(totals, _store(batch, devices))
        self.stdout.write(
            f"opened {totals.opened}, closed {totals.closed}, unmatched {totals.unmatched},"
            f" lines without a binding or a timestamp {skipped}"
        )


def _store(batch, devices) -> services.Stored:
    with transaction.atomic(), connection.cursor() as cursor:
        return services.store(cursor, batch, devices)


def _add(totals: services.Stored, stored: services.Stored) -> None:
    totals.opened += stored.opened
    totals.closed += stored.closed
    totals.unmatched += stored.unmatched
