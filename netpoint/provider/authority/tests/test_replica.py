"""Authority searches and the monitoring pages read from a real PostgreSQL hot standby, made
from the test cluster with pg_basebackup and started on another port; writes and the audit
append stay on the primary, and an answer says how far behind the replica was.

Replay is paused on the standby to tell the two apart: a row committed on the primary after the
pause is on the primary only, so a read that misses it came from the replica."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.urls import reverse

from netpoint.provider.authority.tests.conftest import SEEN
from netpoint.provider.records import replica
from netpoint.provider.records.models import SessionRecord
from netpoint.station_client.tests.system import missing, require_root

pytestmark = [
    pytest.mark.urls("netpoint.provider.urls"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="streaming replication"),
]


BOTH = ["default", replica.REPLICA]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*command: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        capture_output=True,
        text=True,
        timeout=300,
        **options,
    )


def server_bin(program: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    found = Path(f"/usr/lib/postgresql/{major}/bin/{program}")
    if not found.exists():
        missing(f"PostgreSQL {major}'s {program} is not installed")
    return str(found)


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    """A hot standby of the test cluster on a free port, stopped and removed afterwards."""
    require_root()
    with django_db_blocker.unblock():
        yield from started_standby()


def started_standby():
    settings = connections["default"].settings_dict
    if settings["HOST"] not in ("127.0.0.1", "localhost"):
        missing("the primary must run on this machine")
    forget_stale_slots()
    home = Path(tempfile.mkdtemp(prefix="np-standby-"))
    shutil.chown(home, "postgres", "postgres")
    data, port, slot = home / "data", free_port(), f"{SLOTS}{os.getpid()}"
    # The slot keeps the primary's WAL until the standby has it (a busy primary recycles it
    # sooner otherwise); --no-sync: a test's standby need not survive a power cut.
    backup = as_postgres(
        "pg_basebackup", "-h", "127.0.0.1", "-p", str(settings["PORT"] or 5432),
        "-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast",
        "-C", "-S", slot, "--no-sync",
    )  # fmt: skip
    if backup.returncode:
        shutil.rmtree(home, ignore_errors=True)
        missing(f"pg_basebackup failed (replication allowed in pg_hba.conf?): {backup.stderr}")
    # Debian keeps the server's configuration outside its data folder: the standby gets its own.
    (data / "postgresql.conf").write_text(
        f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
        f"unix_socket_directories = '{home}'\nhot_standby = on\nfsync = off\n"
    )
    (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    (data / "pg_ident.conf").write_text("")
    for made in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
        shutil.chown(data / made, "postgres", "postgres")
    pg_ctl = server_bin("pg_ctl")
    started = as_postgres(pg_ctl, "-D", str(data), "-l", str(home / "log"), "-w", "start")
    try:
        if started.returncode:
            log = (home / "log").read_text() if (home / "log").exists() else ""
            pytest.fail(f"the standby did not start: {started.stderr}{log}")
        # A test mirror to Django's test cases: they read it, and never flush it (read-only).
        test = settings["TEST"] | {"MIRROR": "default"}
        connections.settings[replica.REPLICA] = settings | {"PORT": str(port), "TEST": test}
        yield port
    finally:
        if replica.REPLICA in connections.settings:
            connections[replica.REPLICA].close()
            del connections[replica.REPLICA]
            del connections.settings[replica.REPLICA]
        as_postgres(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(home, ignore_errors=True)
        forget_stale_slots()


# The replication slots of these tests' standbys, by the test process's pid.
SLOTS = "np_test_standby_"


def forget_stale_slots() -> None:
    """Drop the slots of standbys no longer running (this one's, or a killed run's): a slot
    left behind would keep the primary's WAL for ever."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            " WHERE slot_name LIKE %s AND NOT active",
            [SLOTS + "%"],
        )


@pytest.fixture
def routed(standby, settings):
    settings.DATABASE_ROUTERS = ["netpoint.provider.records.replica.ReplicaRouter"]
    settings.NETPOINT_REPLICA_MAX_LAG = 30.0
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "netpoint.provider.records.replica.ReplicaReadsMiddleware",
    ]
    settings.NETPOINT_REPLICA_READS = ["netpoint.provider.monitoring."]
    yield
    on_standby("SELECT pg_wal_replay_resume()")


def on_standby(sql: str):
    with connections[replica.REPLICA].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def caught_up() -> None:
    """Wait until the standby has replayed everything the primary has written so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (written,) = cursor.fetchone()
    # A shared primary may have written much since the backup (other databases' WAL too).
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        (done,) = on_standby(f"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn")
        if done:
            return
        time.sleep(0.05)
    pytest.fail("the standby did not catch up within 180 s")


def paused() -> None:
    caught_up()
    on_standby("SELECT pg_wal_replay_pause()")
    deadline = time.monotonic() + 10
    while on_standby("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
        assert time.monotonic() < deadline, "replay did not pause"
        time.sleep(0.05)


def search(client, world, person) -> dict:
    client.force_login(world["investigator"])
    url = reverse("provider-api:authority-api-search", args=[world["request"].pk])
    body = {"kind": "id_number", "value": person.cccd}
    answer = client.post(url, json.dumps(body), content_type="application/json")
    assert answer.status_code == 200, answer.content
    return answer.json()


def another_session(world) -> None:
    """A second session of the world's searched person, committed on the primary."""
    first = SessionRecord.objects.get(point=world["point"], local_id=1)
    SessionRecord.objects.create(
        point=world["point"],
        local_id=99,
        person_id=first.person_id,
        station="M03",
        kind="walk_in",
        started_at=SEEN + timedelta(hours=2),
        ended_at=SEEN + timedelta(hours=3),
    )


def sessions_of(found: dict) -> int:
    return sum(len(person["sessions"]) for person in found["people"])


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_search_reads_the_standby_and_says_how_far_behind_it_is(routed, world, client):
    somebody = world["somebody"]
    world["request"] = replica_ready(world)
    paused()
    another_session(world)
    found = search(client, world, somebody)
    assert found["read_from_replica"] is True
    assert found["replica_lag_seconds"] >= 0
    # The session committed after the pause is on the primary only.
    assert sessions_of(found) == 1
    on_standby("SELECT pg_wal_replay_resume()")
    caught_up()
    assert sessions_of(search(client, world, somebody)) == 2


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_standby_further_behind_than_allowed_is_not_read(routed, world, client, settings):
    somebody = world["somebody"]
    world["request"] = replica_ready(world)
    paused()
    another_session(world)
    time.sleep(0.2)
    settings.NETPOINT_REPLICA_MAX_LAG = 0.1
    found = search(client, world, somebody)
    assert (found["read_from_replica"], found["replica_lag_seconds"]) == (False, None)
    assert sessions_of(found) == 2


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_search_is_audited_on_the_primary_while_the_standby_answers(routed, world, client):
    from netpoint.common.audit.models import AuditEntry

    world["request"] = replica_ready(world)
    paused()
    before = AuditEntry.objects.count()
    assert search(client, world, world["somebody"])["read_from_replica"] is True
    assert AuditEntry.objects.filter(action="search").count() >= 1
    assert AuditEntry.objects.count() > before


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_search_page_says_it_read_from_the_standby(routed, world, client):
    world["request"] = replica_ready(world)
    caught_up()
    client.force_login(world["investigator"])
    url = reverse("authority-request-search", args=[world["request"].pk])
    page = client.post(url, {"kind": "id_number", "value": world["somebody"].cccd})
    text = page.content.decode()
    assert page.status_code == 200, text
    assert "Đọc từ máy chủ bản sao, chậm" in text


def replica_ready(world):
    """The world's request, approved (on the primary)."""
    from netpoint.provider.authority import services

    return services.decide(world["request"], world["officer"], approve=True)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_monitoring_page_is_drawn_from_the_standby(
    routed, provider_point, django_user_model, client
):
    watcher = django_user_model.objects.create_superuser("giamsat", password="x-Very-Long-3")
    caught_up()
    paused()
    provider_point("HN-0777")
    client.force_login(watcher)
    page = client.get(reverse("monitoring-points"))
    assert page.status_code == 200
    assert "HN-0777" not in page.content.decode()
    on_standby("SELECT pg_wal_replay_resume()")
    caught_up()
    assert "HN-0777" in client.get(reverse("monitoring-points")).content.decode()
