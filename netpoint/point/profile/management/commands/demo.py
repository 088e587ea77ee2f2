import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.point.profile import demo


class Command(BaseCommand):
    help = "Migrate, seed a demo café with generated customers, and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="only migrate and seed")

    def handle(self, *args, host, port, no_serve, **options):
        call_command("migrate", verbosity=0)
        created = demo.seed_demo(clock.now().astimezone(local_tz()).date())
        self.stdout.write("Demo café " + ("created." if created else "already there."))
        self.stdout.write(f"Cashier: {demo.CASHIER[0]} / {demo.CASHIER[1]}")
        self.stdout.write(f"Owner (admin): {demo.OWNER[0]} / {demo.OWNER[1]}")
        self.stdout.write(f"Members demo1..demo3, password {demo.MEMBER_PASSWORD}")
        if not settings.NETPOINT_BILLING.get("bank_account"):
            # A made-up account so VietQR can be tried; the payment page marks it as a demo.
            settings.NETPOINT_BILLING = demo.DEMO_BANK
            os.environ.update({f"NETPOINT_BANK_{k.upper()}": v for k, v in demo.DEMO_BANK_ENV})
        if not no_serve:
            call_command("serve", host=host, port=port)
