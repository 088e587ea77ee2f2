"""Store and forward under faults, with real processes: a point server SIGKILLed at random
moments during a stream of check-ins and check-outs, a provider SIGKILLed during ingest and
unreachable for a while. At the end the provider holds exactly the events the point
committed, each once. Then a pg_dump of the provider finds none of the people's ID or phone
numbers in plain text."""

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from netpoint.common.sealing.crypto import KeyRing, unseal
from netpoint.point.customers.models import ID_NUMBER_COLUMN, PHONE_COLUMN

SESSIONS = int(os.environ.get("NETPOINT_FAULT_SESSIONS", "5000"))
ROOT = Path(__file__).resolve().parents[4]
NETPOINT = [sys.executable, "-m", "netpoint.cli"]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port: int) -> None:
    """Until a server listens on the port (a provider just started), at most 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the provider did not start")


class Site:
    """A provider (PostgreSQL database of its own) and a point (SQLite file), as processes."""

    def __init__(self, tmp: Path):
        pg = settings.DATABASES["default"]
        self.admin_url = f"postgres://{pg['USER']}@{pg['HOST']}:{pg['PORT']}/postgres"
        self.db = f"netpoint_fault_{uuid.uuid4().hex[:8]}"
        self.port = _free_port()
        base = {k: v for k, v in os.environ.items() if not k.startswith(("NETPOINT", "DJANGO"))}
        self.provider_env = base | {
            "NETPOINT_ROLE": "provider",
            "NETPOINT_DATABASE_URL": f"postgres://{pg['USER']}@{pg['HOST']}:{pg['PORT']}/"
            + self.db,
            "NETPOINT_DATA_DIR": str(tmp / "provider"),
            "NETPOINT_SECRET_KEY": "fault-test-only-secret-0123456789abcdef",
            "NETPOINT_SEALING_KEYS": settings.NETPOINT_SEALING_KEYS,
        }
        self.point_env = base | {
            "NETPOINT_ROLE": "point",
            "NETPOINT_DATABASE_URL": "",
            "NETPOINT_DATA_DIR": str(tmp / "point"),
            "NETPOINT_SECRET_KEY": "fault-test-only-secret-0123456789abcdef",
        }
        self.provider = self.point = None
        for env in (self.provider_env, self.point_env):
            Path(env["NETPOINT_DATA_DIR"]).mkdir()

    def run(self, env, *args) -> str:
        done = subprocess.run(
            [*NETPOINT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def create(self) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{self.db}"')
        self.run(self.provider_env, "migrate", "--verbosity", "0")
        self.run(self.point_env, "migrate", "--verbosity", "0")
        code = self.run(
            self.provider_env,
            "shell",
            "-c",
            "from netpoint.provider.registry.models import Enterprise, Point\n"
            "from netpoint.provider.registry.services import issue_enrollment_code\n"
            "e = Enterprise.objects.create(name='Công ty Thử Nghiệm', tax_code='0100000009')\n"
            "p = Point.objects.create(enterprise=e, code='HN-0099', name='Quán Thử',"
            " point_type='internet', owner_name='Chủ Thử', province_code=1, ward_code=4,"
            " street_address='9 Phố Thử')\n"
            "print(issue_enrollment_code(p))",
        ).split()[-1]
        self.start_provider()
        self.run(self.point_env, "enroll", f"http://127.0.0.1:{self.port}", code)

    def start_provider(self) -> None:
        self.provider = subprocess.Popen(
            [*NETPOINT, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.provider_env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(self.port)

    def start_point(self) -> None:
        self.point = subprocess.Popen(
            [sys.executable, "-m", "netpoint.point.uplink.tests.point_load", str(SESSIONS)],
            env=self.point_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    @staticmethod
    def kill(process) -> None:
        if process and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()

    def point_committed_ids(self) -> list[str]:
        with sqlite3.connect(Path(self.point_env["NETPOINT_DATA_DIR"]) / "netpoint.sqlite3") as db:
            return [str(uuid.UUID(r[0])) for r in db.execute("SELECT id FROM outbox_outboxevent")]

    def point_people(self) -> list[tuple[str, str]]:
        with sqlite3.connect(Path(self.point_env["NETPOINT_DATA_DIR"]) / "netpoint.sqlite3") as db:
            rows = list(db.execute("SELECT id_number_sealed, phone_sealed FROM customers_customer"))
        # The point keeps them sealed with the keys it made on first start, beside its database.
        keys = Path(self.point_env["NETPOINT_DATA_DIR"]) / "sealing.keys"
        ring = KeyRing.parse(keys.read_text())
        return [
            (unseal(number, ID_NUMBER_COLUMN, ring), unseal(phone, PHONE_COLUMN, ring))
            for number, phone in rows
        ]

    def provider_ids(self) -> list[str]:
        with psycopg.connect(self.provider_env["NETPOINT_DATABASE_URL"]) as pg:
            return [str(r[0]) for r in pg.execute("SELECT id FROM records_receivedevent")]

    def drop(self) -> None:
        self.kill(self.point)
        self.kill(self.provider)
        with psycopg.connect(self.admin_url, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("fault"))
    try:
        site.create()
        yield site
    finally:
        site.drop()


def test_every_committed_event_arrives_once_through_kills_and_an_outage(site):
    rng = random.Random(int(os.environ.get("NETPOINT_FAULT_SEED", "0")) or None)
    point_kills = provider_kills = 0
    outage_done = False
    site.start_point()
    deadline = time.monotonic() + 600
    while site.point.poll() is None and time.monotonic() < deadline:
        time.sleep(rng.uniform(0.2, 1.5))
        roll = rng.random()
        if roll < 0.5:
            site.kill(site.point)
            point_kills += 1
            site.start_point()
        elif roll < 0.8:
            site.kill(site.provider)
            provider_kills += 1
            site.start_provider()
        elif not outage_done:
            site.kill(site.provider)
            time.sleep(4)  # the point keeps working and queueing meanwhile
            site.start_provider()
            outage_done = True
        if point_kills >= 10 and provider_kills >= 5 and outage_done:
            break
    # Then no more faults: the point finishes its stream and drains its outbox.
    site.kill(site.point)
    site.start_point()
    output, _ = site.point.communicate(timeout=600)
    assert "all acknowledged" in output
    committed, received = site.point_committed_ids(), site.provider_ids()
    assert len(received) == len(set(received)), "an event was stored twice"
    assert set(received) == set(committed), "the provider lost or invented events"
    print(f"{len(committed)} events, {point_kills} point kills, {provider_kills} provider kills")
    assert point_kills >= 1 and provider_kills >= 1 and outage_done
    with sqlite3.connect(Path(site.point_env["NETPOINT_DATA_DIR"]) / "netpoint.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM point_sessions_session").fetchone()[0] >= SESSIONS


def test_a_dump_of_the_provider_holds_no_plain_id_or_phone_number(site):
    dump = subprocess.run(
        ["pg_dump", "--no-owner", site.provider_env["NETPOINT_DATABASE_URL"]],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    people = site.point_people()
    assert len(people) >= 100 and "records_person" in dump
    for id_number, phone in people:
        assert id_number not in dump
        national = "0" + phone.removeprefix("+84")
        assert phone not in dump and national not in dump and phone[3:] not in dump
