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
from netpoint.provider.modules.wifi.models import PortalAttempt, RadAcct
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


def mac_session(n: int, started, mac: str = MAC, username: str | None = None) -> RadAcct:
    """A session a device signed in by MAC authentication: RADIUS knows it by its MAC alone,
    written as the NAS writes it."""
    return RadAcct.objects.create(
        acctsessionid=f"9100000{n}",
        acctuniqueid=f"m{n}",
        username=username or mac.replace("-", ":").lower(),
        nasipaddress="192.0.2.20",
        acctstarttime=started,
        acctstoptime=started + timedelta(hours=1),
        callingstationid=mac,
        framedipaddress="10.0.1.6",
    )


def verified_on_device(nas, phone: str, at, mac: str = MAC):
    """`phone` verified at the hotspot with the device `mac` at `at` (the portal's record of
    the code entered), the device authorized for MAC authentication."""
    guest, _password = wifi.verify_user(phone, nas.point)
    wifi.authorize_device(guest, mac)
    PortalAttempt.objects.create(
        token=f"t{guest.pk}-{at.timestamp():.0f}",
        nas=nas,
        phone_index=guest.phone_index,
        phone_sealed=guest.phone_sealed,
        mac=mac,
        code_hash="0" * 64,
        client={},
        created_at=at,
        expires_at=at + timedelta(minutes=5),
        verified_at=at,
        user=guest,
    )
    return guest


@pytest.fixture
def nas(world, provider_point):
    hotspot = provider_point("HN-W003", point_type=Point.Type.WIFI, public_ips=[])
    return wifi.register_nas(hotspot, "Bộ điều khiển", "192.0.2.20", "bi-mat-dung-chung-thu-ng")


def sessions_found(world, phone: str, number: str) -> list[str]:
    request = approved(world, number, phones=[phone])
    found = search.search(request, world["investigator"], "phone", phone, None)
    return [session.radius_session for person in found for session in person.sessions]


def test_a_phone_finds_the_sessions_its_device_signed_in_by_mac(world, nas):
    phone = fake_person(random.Random(22)).phone
    guest, _password = wifi.verify_user(phone, nas.point)
    wifi.authorize_device(guest, MAC)
    mac_session(1, SEEN)
    assert sessions_found(world, phone, "10/CAHN-PA05") == ["91000001"]


def test_a_device_handed_on_leaves_its_earlier_sessions_with_its_first_owner(world, nas):
    first, second = (fake_person(random.Random(n)).phone for n in (23, 24))
    verified_on_device(nas, first, SEEN - timedelta(days=2))
    mac_session(1, SEEN - timedelta(days=1))
    verified_on_device(nas, second, SEEN)  # the device is the second's now
    mac_session(2, SEEN + timedelta(hours=2))
    assert sessions_found(world, first, "11/CAHN-PA05") == ["91000001"]
    assert sessions_found(world, second, "12/CAHN-PA05") == ["91000002"]


def test_a_session_with_someone_elses_login_on_the_device_is_not_found_by_mac(world, nas):
    phone = fake_person(random.Random(25)).phone
    guest, _password = wifi.verify_user(phone, nas.point)
    wifi.authorize_device(guest, MAC)
    mac_session(1, SEEN, username="wf0123456789abcdef")
    assert sessions_found(world, phone, "13/CAHN-PA05") == []
