"""The provider's policy and a minor's minutes across points, with real processes: a provider
server (`netpoint serve`, a PostgreSQL database of its own) and points, each a process with its
own SQLite database, talking only HTTP. Nothing of one role is called from the other."""

import json
import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from netpoint.point.uplink.tests.test_faults import (
    NETPOINT,
    ROOT,
    _free_port,
    wait_until_listening,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
    ),
]
SECRET = "policy-test-only-secret-0123456789abcdef"
# The provider's registry: an enterprise and its game points (2025 codes: 1 Hà Nội, 79 Thành
# phố Hồ Chí Minh); the last two count a minor's minutes across points. Each test has its own.
REGISTRY = """
from netpoint.provider.registry.models import Enterprise, Point
e = Enterprise.objects.create(name='Công ty Thử Nghiệm', tax_code='0100000009')
for code, province, across in (('HN-0001', 1, None), ('HCM-0001', 79, None),
                               ('HN-0002', 1, True), ('HN-0003', 1, True)):
    Point.objects.create(enterprise=e, code=code, name='Quán ' + code, point_type='game',
        owner_name='Chủ Thử', province_code=province, ward_code=4, street_address='9 Phố Thử',
        minors_across_points=across)
"""


class Site:
    """One provider and any number of points, as processes."""

    def __init__(self, tmp: Path):
        pg = settings.DATABASES["default"]
        self.tmp = tmp
        self.admin_url = f"postgres://{pg['USER']}@{pg['HOST']}:{pg['PORT']}/postgres"
        self.db = f"netpoint_policy_{uuid.uuid4().hex[:8]}"
        self.port = _free_port()
        self.base = {
            k: v for k, v in os.environ.items() if not k.startswith(("NETPOINT", "DJANGO"))
        }
        self.provider_env = self.base | {
            "NETPOINT_ROLE": "provider",
            "NETPOINT_DATABASE_URL": f"postgres://{pg['USER']}@{pg['HOST']}:{pg['PORT']}/"
            + self.db,
            "NETPOINT_DATA_DIR": str(tmp / "provider"),
            "NETPOINT_SECRET_KEY": SECRET,
            "NETPOINT_SEALING_KEYS": settings.NETPOINT_SEALING_KEYS,
        }
        self.points: dict[str, dict] = {}
        self.server = None

    def run(self, env, *args) -> str:
        done = subprocess.run(
            [*NETPOINT, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def provider(self, code: str) -> str:
        """Run Python in the provider's environment (its own `netpoint shell`)."""
        return self.run(self.provider_env, "shell", "-c", code)

    def start(self) -> None:
        Path(self.provider_env["NETPOINT_DATA_DIR"]).mkdir()
        with psycopg.connect(self.admin_url, autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{self.db}"')
        self.run(self.provider_env, "migrate", "--verbosity", "0")
        self.provider(REGISTRY)
        self.server = subprocess.Popen(
            [*NETPOINT, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.provider_env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(self.port)

    def enroll(self, code: str) -> None:
        env = self.base | {
            "NETPOINT_ROLE": "point",
            "NETPOINT_DATABASE_URL": "",
            "NETPOINT_DATA_DIR": str(self.tmp / code),
            "NETPOINT_SECRET_KEY": SECRET,
        }
        Path(env["NETPOINT_DATA_DIR"]).mkdir()
        self.run(env, "migrate", "--verbosity", "0")
        secret = self.provider(
            "from netpoint.provider.registry.models import Point\n"
            "from netpoint.provider.registry.services import issue_enrollment_code\n"
            f"print(issue_enrollment_code(Point.objects.get(code='{code}')))"
        ).split()[-1]
        self.run(env, "enroll", f"http://127.0.0.1:{self.port}", secret)
        self.points[code] = env

    def at_point(self, code: str, *args) -> dict:
        done = subprocess.run(
            [*NETPOINT[:-2], "-m", "netpoint.point.uplink.tests.point_script", *args],
            env=self.points[code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.splitlines()[-1])

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(10)
        with psycopg.connect(self.admin_url, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    running = Site(tmp_path_factory.mktemp("site"))
    running.start()
    yield running
    running.stop()


def test_a_game_point_calling_itself_an_internet_point_still_closes_at_22_00(site):
    site.enroll("HN-0001")
    now = site.at_point("HN-0001", "state", "internet")
    assert now["confirmed"] and now["point_type"] == "game"
    assert now["hours"] == ["08:00", "22:00"] and now["hours_source"] == "national"
    assert now["conflicts"] == ["point_type"]


def test_a_provinces_stricter_hours_reach_the_point_with_its_next_sync(site):
    site.enroll("HCM-0001")
    assert site.at_point("HCM-0001", "state")["hours"] == ["08:00", "22:00"]
    site.provider(
        "from datetime import time\n"
        "from netpoint.provider.registry.models import ProvinceRule\n"
        "ProvinceRule.objects.create(province_code=79, point_type='game', opens=time(9),"
        " closes=time(21), source='Quyết định thử của UBND Thành phố Hồ Chí Minh')"
    )
    now = site.at_point("HCM-0001", "state")
    assert now["hours"] == ["09:00", "21:00"] and now["hours_source"] == "province"


def test_a_15_year_old_who_played_120_minutes_at_one_point_ends_at_60_at_the_next(site):
    site.enroll("HN-0002")
    site.enroll("HN-0003")
    first = site.at_point("HN-0002", "visit", "2026-03-10T09:00", "120")
    assert (first["minutes_played"], first["end_reason"]) == (120, "check_out")
    second = site.at_point("HN-0003", "visit", "2026-03-10T14:00", "120")
    assert second["planned_end"] == "2026-03-10T15:00:00+07:00"
    assert (second["minutes_played"], second["end_reason"]) == (60, "minor_limit")
    assert not second["minutes_unconfirmed"]
