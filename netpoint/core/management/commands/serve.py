import gc

from cheroot import wsgi
from django.core.management.base import BaseCommand

from netpoint.sessions.runner import PolicyRunner
from netpoint.wsgi import application


class Command(BaseCommand):
    help = "Serve the point server (cashier UI, station API) and enforce the policies."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - stations are on the LAN
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-runner", action="store_true", help="do not enforce policies")

    def handle(self, *args, host, port, threads, no_runner, **options):
        runner = None if no_runner else PolicyRunner()
        # cheroot keeps idle keep-alive connections in a selector, not a thread each, so
        # hundreds of polling stations cost nothing between polls.
        server = wsgi.Server((host, port), application, numthreads=threads, request_queue_size=512)
        server.keep_alive_conn_limit = 5000
        if runner:
            runner.start()
        # What start-up loaded lives as long as the process: keep it out of the collector's
        # full passes, which otherwise stall every request now and then.
        gc.freeze()
        self.stdout.write(f"Netpoint point server on http://{host}:{port}/")
        try:
            server.start()
        except KeyboardInterrupt:
            server.stop()
        finally:
            if runner:
                runner.stop()
