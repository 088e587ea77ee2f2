"""`netpoint nat_collector`: IPFIX and syslog NAT logs from the hotspots' gateways."""

import asyncio
import signal

from django.core.management.base import BaseCommand

from netpoint.provider.modules.nat.collector import Collector


class Command(BaseCommand):
    help = "Collects NAT bindings (IPFIX RFC 8158 events and port-block syslog) over UDP"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - gateways are remote
        parser.add_argument("--ipfix-port", type=int, default=4739)
        parser.add_argument("--syslog-port", type=int, default=514)

    def handle(self, *args, host, ipfix_port, syslog_port, **options):
        collector = Collector(host, ipfix_port, syslog_port)

        async def run():
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            await collector.serve(stop)

        self.stdout.write(f"NAT logs on {host}: IPFIX {ipfix_port}, syslog {syslog_port}")
        asyncio.run(run())
        self.stdout.write(f"stopped: {collector.stats}")
