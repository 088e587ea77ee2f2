"""`netpoint radius`: the RADIUS server for the hotspots' access controllers."""

import asyncio
import signal

from django.core.management.base import BaseCommand

from netpoint.provider.modules.wifi.radius import RadiusServer


class Command(BaseCommand):
    help = "RADIUS authentication and accounting for public Wi-Fi hotspots"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - hotspots are remote
        parser.add_argument("--auth-port", type=int, default=1812)
        parser.add_argument("--acct-port", type=int, default=1813)
        # Several processes on the same ports share the load; the kernel keeps each NAS
        # address and port on one of them, so its retransmissions meet the same reply cache.
        parser.add_argument("--reuse-port", action="store_true")

    def handle(self, *args, host, auth_port, acct_port, reuse_port, **options):
        server = RadiusServer(host, auth_port, acct_port, reuse_port)

        async def run():
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            await server.serve(stop)

        self.stdout.write(f"RADIUS on {host}: authentication {auth_port}, accounting {acct_port}")
        asyncio.run(run())
        self.stdout.write(f"stopped: {server.stats}")
