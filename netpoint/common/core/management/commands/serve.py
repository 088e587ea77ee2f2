import gc

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application

from netpoint.common.core.doors import opened


def _background(enforce: bool) -> list:
    """What the installed apps run beside the web server (each app's `serving.background`):
    on the point, policy enforcement and the sender to the provider."""
    threads = []
    for serving in opened("serving"):
        if hasattr(serving, "background"):
            threads += serving.background(enforce=enforce)
    return threads


def _certificate(data_dir):
    """The role's own certificate (an app's `serving.certificate`): the point has one."""
    for serving in opened("serving"):
        if hasattr(serving, "certificate"):
            return serving.certificate(data_dir)
    raise CommandError("Máy chủ này không có chứng chỉ riêng; hãy dùng TLS của nginx.")


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
        threads_of_role = _background(enforce=not no_runner)
        # cheroot keeps idle keep-alive connections in a selector, not a thread each, so
        # hundreds of polling stations cost nothing between polls.
        server = wsgi.Server(
            (host, port),
            get_wsgi_application(),
            numthreads=threads,
            request_queue_size=512,
            reuse_port=reuse_port,
        )
        server.keep_alive_conn_limit = 5000
        scheme = "http"
        if tls:
            served = _certificate(settings.DATA_DIR)
            server.ssl_adapter = BuiltinSSLAdapter(str(served.certificate), str(served.key))
            scheme = "https"
            self.stdout.write(f"Certificate SHA-256: {served.fingerprint}")
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
