"""What a phone search under a written request finds of public Wi-Fi (REQUIREMENTS C.2): the
user verified with that phone and their RADIUS sessions (wifi.finders)."""

import random
from datetime import timedelta

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import search
from netpoint.provider.authority.tests import conftest as authority
from netpoint.provider.authority.tests.conftest import SEEN, approved
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.registry.models import Point

pytestmark = pytest.mark.django_db

# The authority's tests' world (a police request over a point where two people were seen).
world, frozen_now = authority.world, authority.frozen_now

MAC = "AA-BB-CC-00-11-22"


def test_a_phone_finds_the_wifi_user_verified_with_it_and_their_sessions(world, provider_point):
    hotspot = provider_point("HN-W002", point_type=Point.Type.WIFI, public_ips=[])
    wifi.register_nas(hotspot, "Bộ điều khiển", "192.0.2.20", "bi-mat-dung-chung-thu-nghiem")
    phone = fake_person(random.Random(21)).phone
    guest, _password = wifi.verify_user(phone, hotspot)
    for n, started in enumerate((SEEN, SEEN - timedelta(days=60))):  # the second before the period
        RadAcct.objects.create(
            acctsessionid=f"9000000{n}",
            acctuniqueid=f"w{n}",
            username=guest.login,
            nasipaddress="192.0.2.20",
            acctstarttime=started,
            acctstoptime=started + timedelta(hours=1),
            callingstationid=MAC,
            framedipaddress="10.0.1.5",
        )
    request = approved(world, "9/CAHN-PA05", phones=[phone])
    [person] = search.search(request, world["investigator"], "phone", phone, None)
    assert (person.phone, person.full_name, person.id_number) == (phone, "", "")
    [session] = person.sessions
    assert (session.point, session.station, session.started_at) == ("HN-W002", MAC, SEEN)
    assert (session.private_ip, session.radius_session) == ("10.0.1.5", "90000000")
    # No NAT gateway logged the hotspot: no public address to show.
    assert (session.public_ip, session.public_ports) == ("", "")
