"""Public IP + port + instant -> binding -> RADIUS session -> device MAC -> Wi-Fi user, with
bindings stored the way the collector stores them."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from netpoint.common.identity.fake import fake_person
from netpoint.provider.modules.nat import services
from netpoint.provider.modules.nat.events import CLOSE, OPEN, BindingEvent
from netpoint.provider.modules.nat.models import Binding
from netpoint.provider.modules.wifi import services as wifi
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.registry.models import Point

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
PUBLIC, PRIVATE = "203.0.113.7", "10.0.0.5"
NAS_IP = "192.0.2.10"


def store(*found: BindingEvent) -> services.Stored:
    with transaction.atomic(), connection.cursor() as cursor:
        return services.store(cursor, list(found), services.active_devices())


def event(action, at, first=1024, last=1535, private=PRIVATE, public=PUBLIC, device="127.0.0.1"):
    return BindingEvent(action, device, public, first, last, private, at)


@pytest.fixture
def nas(hotspot):
    return wifi.register_nas(hotspot, "Bộ điều khiển", NAS_IP, "bi-mat-dung-chung-thu-nghiem")


@pytest.fixture
def guest(hotspot):
    user, _password = wifi.verify_user(fake_person(random.Random(8)).phone, hotspot)
    return user


def radius_session(user_login, mac, start, stop=None, private=PRIVATE, nas_ip=NAS_IP, n=1):
    return RadAcct.objects.create(
        acctsessionid=f"S{n}",
        acctuniqueid=f"u{n}",
        username=user_login,
        nasipaddress=nas_ip,
        acctstarttime=start,
        acctstoptime=stop,
        callingstationid=mac,
        framedipaddress=private,
    )


def test_a_port_in_a_block_leads_to_the_session_the_device_and_the_user(gateway, nas, guest):
    store(event(OPEN, T0), event(CLOSE, T0 + timedelta(hours=2)))
    radius_session(guest.login, "AA-BB-CC-00-11-22", T0 - timedelta(minutes=5))
    [found] = services.behind(PUBLIC, 1300, T0 + timedelta(minutes=30))
    assert (found.binding.private_ip, found.binding.point) == (PRIVATE, "HN-W001")
    assert (found.session_id, found.mac, found.user_id) == ("S1", "AA-BB-CC-00-11-22", guest.pk)
    assert found.phone_sealed == guest.phone_sealed


def test_a_port_outside_every_block_or_a_time_outside_the_binding_finds_nothing(gateway, nas):
    store(event(OPEN, T0), event(CLOSE, T0 + timedelta(hours=2)))
    assert services.behind(PUBLIC, 1536, T0 + timedelta(minutes=30)) == []
    assert services.behind(PUBLIC, 1023, T0 + timedelta(minutes=30)) == []
    assert services.behind(PUBLIC, 1300, T0 - timedelta(seconds=1)) == []
    assert services.behind(PUBLIC, 1300, T0 + timedelta(hours=2, seconds=1)) == []
    assert services.behind("203.0.113.8", 1300, T0 + timedelta(minutes=30)) == []
    # The ends of the block and of the binding belong to it.
    assert len(services.behind(PUBLIC, 1535, T0 + timedelta(hours=2))) == 1


def test_the_session_is_the_one_that_had_the_address_then(gateway, nas, guest):
    other, _password = wifi.verify_user(fake_person(random.Random(9)).phone)
    store(event(OPEN, T0))
    radius_session(other.login, "AA-BB-CC-00-11-33", T0 - timedelta(hours=3), T0, n=1)
    radius_session(guest.login, "AA-BB-CC-00-11-22", T0 + timedelta(minutes=1), n=2)
    [found] = services.behind(PUBLIC, 1024, T0 + timedelta(minutes=10))
    assert found.user_id == guest.pk


def test_a_mac_authenticated_session_finds_the_user_through_the_device(gateway, nas, guest):
    wifi.authorize_device(guest, "aa:bb:cc:00:11:22")
    store(event(OPEN, T0))
    radius_session("AA-BB-CC-00-11-22", "AA-BB-CC-00-11-22", T0)
    [found] = services.behind(PUBLIC, 1024, T0 + timedelta(minutes=1))
    assert found.user_id == guest.pk


def test_a_binding_without_a_radius_session_still_names_the_hotspot(gateway, nas, hotspot):
    elsewhere = Point.objects.create(
        **{f: getattr(hotspot, f) for f in ("enterprise", "point_type", "owner_name")},
        code="HN-W002",
        name="Điểm khác",
        province_code=1,
        ward_code=4,
        street_address="2 Phố Thử",
    )
    wifi.register_nas(elsewhere, "NAS khác", "192.0.2.11", "bi-mat-dung-chung-thu-nghiem")
    # The same private address, but at another hotspot's NAS: not this binding's session.
    radius_session("someone", "AA-BB-CC-00-11-44", T0, nas_ip="192.0.2.11")
    store(event(OPEN, T0))
    [found] = services.behind(PUBLIC, 1024, T0 + timedelta(minutes=1))
    assert found.session_id is None and found.binding.point == "HN-W001"


def test_repeated_allocations_keep_one_binding_and_a_lost_release_ends_at_the_next(gateway):
    store(event(OPEN, T0), event(OPEN, T0 + timedelta(minutes=30)))  # an interim log
    assert Binding.objects.count() == 1
    store(event(OPEN, T0 + timedelta(hours=1), private="10.0.0.9"))
    first, second = Binding.objects.order_by("started_at")
    assert first.ended_at == T0 + timedelta(hours=1) and second.ended_at is None
    at = T0 + timedelta(hours=1, minutes=5)
    assert [b.binding.private_ip for b in services.behind(PUBLIC, 1100, at)] == ["10.0.0.9"]


def test_a_release_of_a_binding_never_opened_is_counted_not_stored(gateway):
    stored = store(event(CLOSE, T0))
    assert (stored.unmatched, Binding.objects.count()) == (1, 0)


def test_a_release_dated_before_its_allocation_ends_it_where_it_began(gateway):
    # In one batch events are applied in time order; a clock set back shows across batches.
    store(event(OPEN, T0))
    store(event(CLOSE, T0 - timedelta(seconds=5)))
    assert Binding.objects.get().ended_at == T0


def test_events_of_an_unknown_device_are_not_stored(gateway):
    stored = store(event(OPEN, T0, device="192.0.2.99"))
    assert (stored.unknown_device, Binding.objects.count()) == (1, 0)


def test_only_wifi_points_get_a_nat_device(provider_point):
    with pytest.raises(services.NatError):
        services.register_device(provider_point("HN-0009"), "NAT", "192.0.2.50")


def test_a_syslog_file_is_imported(gateway, tmp_path):
    log = tmp_path / "nat.log"
    log.write_text(
        "2026-11-20T15:00:00+07:00 mx-nat JSERVICES_NAT_PORT_BLOCK_ALLOC: "
        "10.0.0.5 -> 203.0.113.7:1024-1535 0x1\n"
        "2026-11-20T15:00:01+07:00 mx-nat kernel: something else\n"
        "Nov 20 15:00:02 mx-nat JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.6 -> 203.0.113.7:2048-2559\n"
        "2026-11-20T17:00:00+07:00 mx-nat JSERVICES_NAT_PORT_BLOCK_RELEASE: "
        "10.0.0.5 -> 203.0.113.7:1024-1535 0x1\n",
        encoding="utf-8",
    )
    call_command("nat_import", str(log), device="127.0.0.1")
    binding = Binding.objects.get()
    assert (binding.started_at, binding.ended_at) == (T0, T0 + timedelta(hours=2))


def test_importing_for_an_unregistered_device_is_refused(gateway, tmp_path):
    log = tmp_path / "nat.log"
    log.write_text("", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("nat_import", str(log), device="192.0.2.77")


def test_ranges_of_different_layouts_on_one_address_each_answer_for_their_time(gateway):
    hour = timedelta(hours=1)
    store(event(OPEN, T0), event(CLOSE, T0 + hour))
    store(event(OPEN, T0 + 2 * hour, 1300, 1300, private="10.0.0.8"))
    # A larger block over the single port: the port's binding ends when the block begins.
    store(event(OPEN, T0 + 3 * hour, 1024, 2047, private="10.0.0.9"))

    def private(port, at):
        return [found.binding.private_ip for found in services.behind(PUBLIC, port, at)]

    assert private(1300, T0 + hour / 2) == [PRIVATE]
    assert private(1300, T0 + hour * 1.5) == []
    assert private(1300, T0 + hour * 2.5) == ["10.0.0.8"]
    assert private(1301, T0 + hour * 2.5) == []
    assert private(1300, T0 + hour * 4) == ["10.0.0.9"]
    assert private(2047, T0 + hour * 4) == ["10.0.0.9"]


def test_a_sessions_public_addresses_and_ports(gateway, nas, guest):
    hour = timedelta(hours=1)
    store(event(OPEN, T0 - hour), event(CLOSE, T0 + hour))
    store(event(OPEN, T0 + hour, 2048, 2559), event(OPEN, T0 + 5 * hour, 4096, 4607))
    store(event(OPEN, T0 + hour, 3072, 3583, private="10.0.0.77"))
    session = radius_session(guest.login, "AA-BB-CC-00-11-22", T0, T0 + 3 * hour)
    [found] = services.public_addresses([session], T0 + 10 * hour)
    assert [(r["public_ip"], r["port_first"], r["port_last"]) for r in found] == [
        (PUBLIC, 1024, 1535),
        (PUBLIC, 2048, 2559),
    ]
    still_open = radius_session(guest.login, "AA-BB-CC-00-11-22", T0 + 4 * hour, n=2)
    [found] = services.public_addresses([still_open], T0 + 6 * hour)
    assert [r["port_first"] for r in found] == [2048, 4096]


def test_many_sessions_public_addresses_in_one_statement_each_its_own(
    gateway, nas, guest, django_assert_num_queries
):
    hour = timedelta(hours=1)
    store(event(OPEN, T0 - hour), event(CLOSE, T0 + hour))
    store(event(OPEN, T0 + hour, 2048, 2559, private="10.0.0.77"))
    sessions = [
        radius_session(guest.login, "AA-BB-CC-00-11-22", T0, T0 + hour / 2),
        radius_session(guest.login, "AA-BB-CC-00-11-22", T0, T0 + hour, private=None, n=2),
        radius_session(guest.login, "AA-BB-CC-00-11-33", T0 + 2 * hour, private="10.0.0.77", n=3),
        radius_session(guest.login, "AA-BB-CC-00-11-22", T0 + 8 * hour, T0 + 9 * hour, n=4),
    ]
    with django_assert_num_queries(1):
        found = services.public_addresses(sessions, T0 + 10 * hour)
    assert [[r["port_first"] for r in addresses] for addresses in found] == [[1024], [], [2048], []]
    assert services.public_addresses([sessions[1]], T0) == [[]]
