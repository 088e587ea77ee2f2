"""The point's benches' café: migrated, open around the clock (a bench may run at any hour),
one zone at 6.000 đ an hour, and generated walk-in customers. Call after django.setup()."""

import random
from datetime import date
from datetime import time as clock_time


def open_cafe():
    """Migrate the database and make the café; its one zone."""
    from django.core.management import call_command

    from netpoint.point.profile.models import PointProfile
    from netpoint.point.stations.models import Zone, ZoneRate

    call_command("migrate", verbosity=0)
    profile = PointProfile.current()
    profile.point_type = "internet"
    profile.save()
    zone = Zone.objects.create(name="Bench")
    ZoneRate.objects.create(zone=zone, starts_at=clock_time(0, 0), hourly_rate=6000)
    return zone


def walk_in(rng: random.Random):
    """A generated adult, registered as the cashier would."""
    from netpoint.common.identity.fake import fake_person
    from netpoint.point.customers.models import Customer

    person = fake_person(rng, date_of_birth=date(1990, 1, 1))
    return Customer.objects.create(
        full_name=person.full_name,
        date_of_birth=person.date_of_birth,
        id_type="cccd",
        id_number=person.cccd,
        address=person.address,
    )
