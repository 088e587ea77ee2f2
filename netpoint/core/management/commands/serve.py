import gc

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from django.conf import settings
from django.core.management.base import BaseCommand

from netpoint.core import tls as point_tls
from netpoint.wsgi import application


def _point_threads(enforce: bool) -> list:
    """The point's background work: policy enforcement and the sender to the provider."""
    from netpoint.sessions.runner import PolicyRunner
    from netpoint.uplink.sender import Sender

    return ([PolicyRunner()] if enforce else []) + [Sender()]


class Command(BaseCommand):
    help = (
        "Serve this role: the point (cashier UI, station API, policies, sender) or the "
        "provider (registry, ingest); the provider runs as several such processes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - stations are on the LAN
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-runner", action="store_true", help="do not enforce policies")
        parser.add_argument(
            "--tls", action="store_true", help="serve HTTPS with this point's own certificate"
        )
        parser.add_argument(
            "--reuse-port",
            action="store_true",
            help="share the port with other `serve` processes (SO_REUSEPORT): the kernel "
            "spreads connections over them, one per core, with no balancer in front",
        )

    def handle(self, *args, host, port, threads, no_runner, tls, reuse_port, **options):
        role = settings.NETPOINT_ROLE
        threads_of_role = _point_threads(not no_runner) if role == "point" else []
        # cheroot keeps idle keep-alive connections in a selector, not a thread each, so
        # hundreds of polling stations cost nothing between polls.
        server = wsgi.Server(
            (host, port),
            application,
            numthreads=threads,
            request_queue_size=512,
            reuse_port=reuse_port,
        )
        server.keep_alive_conn_limit = 5000
        scheme = "http"
        if tls:
            certificate, key = point_tls.ensure_certificate(settings.DATA_DIR)
            server.ssl_adapter = BuiltinSSLAdapter(str(certificate), str(key))
            scheme = "https"
            fingerprint = point_tls.current_fingerprint(settings.DATA_DIR)
            self.stdout.write(f"Certificate SHA-256: {fingerprint}")
        for thread in threads_of_role:
            thread.start()
        # What start-up loaded lives as long as the process: keep it out of the collector's
        # full passes, which otherwise stall every request now and then.
        gc.freeze()
        self.stdout.write(f"Netpoint {role} server on {scheme}://{host}:{port}/", ending="\n")
        self.stdout.flush()
        try:
            server.start()
        except KeyboardInterrupt:
            server.stop()
        finally:
            for thread in threads_of_role:
                thread.stop()
