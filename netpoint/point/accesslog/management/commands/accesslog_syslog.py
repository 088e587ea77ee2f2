import asyncio
import signal

from django.core.management.base import BaseCommand, CommandError

from netpoint.point.accesslog.receiver import Receiver, serve


def _address(text: str) -> tuple[str, int]:
    host, colon, port = text.rpartition(":")
    if not host or not colon or not (port.isascii() and port.isdigit()):
        raise CommandError(f"{text!r}: give HOST:PORT")
    return host.strip("[]"), int(port)


class Command(BaseCommand):
    help = (
        "Receive syslog (RFC 3164 and RFC 5424) from the café's router over UDP and TCP and "
        "store the access records in what it sends (dnsmasq, Squid, firewall/NAT lines)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--udp", default="0.0.0.0:514", help="HOST:PORT, or '' for none")
        parser.add_argument("--tcp", default="0.0.0.0:514", help="HOST:PORT, or '' for none")

    def handle(self, *args, **options):
        udp = _address(options["udp"]) if options["udp"] else None
        tcp = _address(options["tcp"]) if options["tcp"] else None
        if not (udp or tcp):
            raise CommandError("listen on --udp, --tcp or both")
        asyncio.run(self._serve(udp, tcp))

    async def _serve(self, udp, tcp):
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(Receiver(), udp=udp, tcp=tcp, stop=stop, ready=self._ready)

    def _ready(self, udp_port, tcp_port):
        self.stdout.write(f"listening: udp {udp_port} tcp {tcp_port}")
