import asyncio
import contextlib
import os
import random
import socket
import threading
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock

# Property tests check answers, not speed (bench/ measures that): Hypothesis's 200 ms deadline
# per example failed them on slow CI machines (a pricing example spanning years took 245 ms).
hypothesis_settings.register_profile("netpoint", deadline=None)
hypothesis_settings.load_profile("netpoint")

# The point role and what it shares: these tests run on SQLite too.
POINT_PACKAGES = {"common", "point", "station_client"}


def pytest_ignore_collect(collection_path: Path, config):
    """The tests of a provider module left out of NETPOINT_MODULES are not collected: its
    models, pages and doors are not there to test."""
    from django.conf import settings

    parts = collection_path.parts
    for at in range(len(parts) - 3):
        if parts[at : at + 3] == ("netpoint", "provider", "modules"):
            module = Path(*parts[: at + 4])
            if module.is_dir() and module.name not in settings.NETPOINT_MODULES:
                return True
            break
    return None


def pytest_collection_modifyitems(items):
    """Tests of the point role's apps are marked `point`: they run on SQLite too."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "netpoint" in parts and parts[parts.index("netpoint") + 1] in POINT_PACKAGES:
            item.add_marker(pytest.mark.point)


@pytest.fixture(autouse=True)
def _vietnamese():
    """Services called outside a request speak the default language, whatever ran before."""
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _fresh_memory():
    """Each test's database starts anew; so must what the server keeps in memory."""
    from netpoint.point.profile.models import forget_current
    from netpoint.point.stations import live
    from netpoint.point.stations.services import _heard
    from netpoint.point.uplink.policy import forget as forget_policy

    for forget in (forget_current, _heard.clear, live.forget_all, forget_policy):
        forget()
    yield
    for forget in (forget_current, _heard.clear, live.forget_all, forget_policy):
        forget()


@pytest.fixture(autouse=True)
def _audit_heads(settings, tmp_path_factory):
    """Each test's database starts with an empty audit log: so do its signed heads, kept
    outside the database (netpoint.common.audit.services). One signing key for the run."""
    from netpoint.common.audit import services

    folder = tmp_path_factory.getbasetemp() / "audit"
    folder.mkdir(exist_ok=True)
    settings.NETPOINT_AUDIT_KEY_FILE = str(folder / "signing.key")
    heads = folder / "heads.jsonl"
    heads.unlink(missing_ok=True)
    settings.NETPOINT_AUDIT_HEADS_FILE = str(heads)
    services.forget()
    yield
    services.forget()


# 10:00 in Ho Chi Minh City on an ordinary Tuesday.
MORNING = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with clock_module.use(FakeClock(MORNING)) as fake:
        yield fake


@pytest.fixture
def cashier(django_user_model):
    return django_user_model.objects.create_user("thungan", password="mat-khau-thu-ngan-1")


@pytest.fixture
def cafe(db):
    """A game point with two stations at a flat 6,000 VND an hour."""
    from netpoint.point.profile.models import PointProfile
    from netpoint.point.stations.models import Station, Zone, ZoneRate

    profile = PointProfile.current()
    profile.point_type = PointProfile.Type.GAME
    profile.name = "Quán Net Thử Nghiệm"
    profile.save()
    zone = Zone.objects.create(name="Thường")
    ZoneRate.objects.create(zone=zone, starts_at=time(0, 0), hourly_rate=6000)
    return {
        "profile": profile,
        "zone": zone,
        "m1": Station.objects.create(name="M01", zone=zone),
        "m2": Station.objects.create(name="M02", zone=zone),
    }


@pytest.fixture
def make_customer(db):
    """Registers a generated (never real) person; adults by default."""
    from netpoint.common.identity.fake import fake_person
    from netpoint.point.customers.models import Customer

    rng = random.Random(7)

    def make(date_of_birth: date = date(1995, 5, 5), guardian=None, **fields) -> Customer:
        person = fake_person(rng, date_of_birth=date_of_birth)
        return Customer.objects.create(
            full_name=person.full_name,
            date_of_birth=person.date_of_birth,
            gender=person.gender,
            id_type="cccd",
            id_number=person.cccd,
            address=person.address,
            phone=person.phone,
            guardian=guardian,
            guardian_relation="Mẹ" if guardian else "",
            **fields,
        )

    return make


@pytest.fixture
def make_member(make_customer):
    from netpoint.point.customers.models import MemberAccount

    def make(balance: int, username: str = "hoivien1", **customer_fields) -> MemberAccount:
        account = MemberAccount(
            customer=make_customer(**customer_fields), username=username, balance=balance
        )
        account.set_password("mat-khau-hoi-vien")
        account.save()
        return account

    return make


@pytest.fixture
def enterprise(db):
    from netpoint.provider.registry.models import Enterprise

    return Enterprise.objects.create(name="Công ty Thử Nghiệm", tax_code="0100000001")


@pytest.fixture
def provider_point(enterprise):
    """Registers a point in the provider's registry: a game point in Phường Ba Đình, Hà Nội,
    unless told otherwise."""
    from netpoint.provider.registry.models import Point

    def make(code: str = "HN-0001", **fields) -> Point:
        values = {
            "enterprise": enterprise,
            "code": code,
            "name": f"Điểm {code}",
            "point_type": Point.Type.GAME,
            "owner_name": "Chủ Thử Nghiệm",
            "province_code": 1,
            "ward_code": 4,
            "street_address": "1 Phố Thử",
        }
        return Point.objects.create(**(values | fields))

    return make


@pytest.fixture
def seen_at_point(db):
    """Puts a generated person into the provider's central records (CCCD and phone sealed)
    with one session at a point: what ingest would have stored. Returns the Person."""
    from datetime import timedelta

    from netpoint.common.sealing.crypto import seal
    from netpoint.common.sealing.indexes import (
        ID_COLUMN,
        PHONE_COLUMN,
        id_index,
        key_ring,
        phone_index,
    )
    from netpoint.provider.records.models import Person, PointPerson, SessionRecord

    def make(who, point, station: str, started_at, local_id: int = 1):
        ring = key_ring()
        stated = {
            "id_type": "cccd",
            "id_number_sealed": seal(who.cccd, ID_COLUMN, ring),
            "phone_index": phone_index(who.phone, ring),
            "phone_sealed": seal(who.phone, PHONE_COLUMN, ring),
            "full_name": who.full_name,
            "date_of_birth": who.date_of_birth,
        }
        person = Person.objects.create(
            id_index=id_index("cccd", who.cccd, ring),
            **stated,
            first_seen_at=started_at,
            last_seen_at=started_at,
            stated_at=started_at,
        )
        # The point's own version, which the searches read (its customer id: any unique one).
        PointPerson.objects.create(
            point=point,
            local_id=person.pk,
            person=person,
            registered_at=started_at,
            **stated,
            said_at=started_at,
            received_at=started_at,
        )
        SessionRecord.objects.create(
            point=point,
            local_id=local_id,
            person=person,
            station=station,
            kind="walk_in",
            started_at=started_at,
            ended_at=started_at + timedelta(hours=1),
        )
        return person

    return make


# Playwright's sync API runs an event loop in the test's thread; the ORM calls there are the
# test's own.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, headless (never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run scripts/test-services")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(10000)
    yield page
    context.close()


def free_udp_ports(count: int) -> list[int]:
    """`count` different free UDP ports on loopback: each probe holds its port until all are
    chosen (asked one after the other, the system may give the same port twice)."""
    with contextlib.ExitStack() as held:
        ports = []
        for _ in range(count):
            probe = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
        return ports


def free_udp_port() -> int:
    return free_udp_ports(1)[0]


@pytest.fixture
def serve_datagrams(transactional_db):
    """Runs UDP servers (netpoint.provider.datagrams: the RADIUS server, the NAT collector) for
    real, each in a thread of its own: `serve_datagrams(server)` starts it and waits until it
    listens; every one stops after the test."""
    running = []

    def start(server):
        holder = {}

        async def main():
            holder["stop"] = asyncio.Event()
            await server.serve(holder["stop"])

        thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
        thread.start()
        assert server.ready.wait(10), f"{type(server).__name__} did not start"
        running.append((server, holder, thread))
        return server

    yield start
    for server, holder, thread in running:
        server.loop.call_soon_threadsafe(holder["stop"].set)
        thread.join(10)


@pytest.fixture
def hotspot(provider_point):
    """A public Wi-Fi point (for the RADIUS server, the portal and the NAT logs)."""
    from netpoint.provider.registry.models import Point

    return provider_point(
        "HN-W001", point_type=Point.Type.WIFI, venue_type=Point.Venue.CAFE, public_ips=[]
    )
