"""A point server under a steady stream of check-ins and check-outs, sending to its provider:
the process the fault test SIGKILLs at random moments. Run as
`python -m netpoint.point.uplink.tests.point_load <sessions>`; it carries on from what an earlier,
killed run committed, and exits once the target is reached and everything is acknowledged."""

import os
import random
import sys
import time
from datetime import time as clock_time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netpoint.point.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402

from netpoint.point.customers.models import Customer  # noqa: E402
from netpoint.point.profile.models import PointProfile  # noqa: E402
from netpoint.point.sessions import services as sessions  # noqa: E402
from netpoint.point.sessions.models import Session  # noqa: E402
from netpoint.point.stations.models import Station, Zone, ZoneRate  # noqa: E402
from netpoint.point.uplink import services as uplink  # noqa: E402
from netpoint.point.uplink.sender import Sender  # noqa: E402
from netpoint.point.uplink.tests.test_sender import register  # noqa: E402

STATIONS = 20
PEOPLE = 300


def prepare() -> User:
    profile = PointProfile.current()
    if profile.point_type != PointProfile.Type.INTERNET:
        profile.point_type = PointProfile.Type.INTERNET  # open around the clock
        profile.save()
    zone, _ = Zone.objects.get_or_create(name="Thường")
    if not zone.rates.exists():
        ZoneRate.objects.create(zone=zone, starts_at=clock_time(0, 0), hourly_rate=6000)
    for n in range(Station.objects.count(), STATIONS):
        Station.objects.create(name=f"M{n + 1:02d}", zone=zone)
    cashier = User.objects.filter(username="thungan").first()
    return cashier or User.objects.create_user("thungan", password="mat-khau-thu-ngan-1")


def main(target: int) -> None:
    cashier = prepare()
    # Replaced, not edited in place: the uplink's conf is rebuilt when the override changes.
    settings.NETPOINT_UPLINK = settings.NETPOINT_UPLINK | dict(
        idle_seconds=0.05, retry_first_seconds=0.1, retry_max_seconds=1.0, timeout_seconds=10
    )
    Sender().start()
    stations = list(Station.objects.all())
    rng = random.Random()
    while Customer.objects.count() < PEOPLE:
        register(cashier, seed=rng.randrange(2**32))
    people = list(Customer.objects.all())
    # A session left open by a kill is closed first, as a cashier would.
    for session in Session.objects.filter(ended_at__isnull=True):
        sessions.check_out(session, cashier)
    while (done := Session.objects.count()) < target:
        station, customer = rng.choice(stations), rng.choice(people)
        session = sessions.check_in(station=station, customer=customer, kind="walk_in")
        sessions.check_out(session, cashier)
        if done % 500 == 0:
            print("sessions", done, flush=True)
    print("target reached", flush=True)
    while uplink.sync_state().queued:
        time.sleep(0.1)
    print("all acknowledged", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
