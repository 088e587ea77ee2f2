from django.core.management.base import BaseCommand
from waitress import serve

from netpoint.sessions.runner import PolicyRunner
from netpoint.wsgi import application


class Command(BaseCommand):
    help = "Serve the point server (cashier UI, station API) and enforce the policies."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="0.0.0.0")  # noqa: S104 - stations are on the LAN
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        # Every station keeps a connection open; waitress allows only 100 by default.
        parser.add_argument("--connections", type=int, default=2000)
        parser.add_argument("--no-runner", action="store_true", help="do not enforce policies")

    def handle(self, *args, host, port, threads, connections, no_runner, **options):
        if not no_runner:
            PolicyRunner().start()
        self.stdout.write(f"Netpoint point server on http://{host}:{port}/")
        serve(
            application,
            host=host,
            port=port,
            threads=threads,
            connection_limit=connections,
            ident="netpoint",
        )
