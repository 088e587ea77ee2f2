"""The retention job with a controllable clock: what it deletes, what it keeps, its proof."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from netpoint.common.core.models import SignedInSession
from netpoint.common.core.sessions import SessionStore
from netpoint.provider.records import partitions, retention
from netpoint.provider.records.models import (
    Deletion,
    Heartbeat,
    Person,
    PointPerson,
    ReceivedEvent,
    SessionRecord,
)
from netpoint.provider.registry.models import SeenNonce

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
CUTOFF = datetime(2026, 10, 23, 3, 0, tzinfo=UTC)  # 30 days, the default for every kind
# The provider core's kinds, in the order the job deletes them (the records app's steps, then
# the access records'); the installed modules add theirs (tested with each module).
KINDS = (
    "sessions",
    "heartbeats",
    "received_events",
    "persons",
    "request_nonces",
    "web_sessions",
    "access",
)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions are PostgreSQL's"
)


@pytest.fixture(autouse=True)
def at_now(clock):
    clock.set(NOW)


@pytest.fixture
def point(provider_point):
    return provider_point("HN-0001")


def person(n: int, last_seen) -> Person:
    """A generated person with placeholder sealed values: no real data."""
    return Person.objects.create(
        id_index=f"{n:064d}",
        id_type="cccd",
        id_number_sealed="v1.t1.sealed",
        full_name=f"Người Thử {n}",
        date_of_birth="1990-01-01",
        first_seen_at=last_seen,
        last_seen_at=last_seen,
    )


def session(point, who, started_at, local_id=1) -> SessionRecord:
    return SessionRecord.objects.create(
        point=point,
        local_id=local_id,
        person=who,
        station="M01",
        kind="walk_in",
        started_at=started_at,
    )


def beat(point, at) -> Heartbeat:
    return Heartbeat.objects.create(
        point=point,
        at=at,
        software_version="0.1.0",
        software_hash="ab" * 32,
        stations_in_use=1,
        stations_total=2,
    )


def event(point, at, seq) -> ReceivedEvent:
    return ReceivedEvent.objects.create(
        id=uuid.uuid4(),
        point=point,
        seq=seq,
        kind="point.heartbeat",
        occurred_at=at,
        received_at=at,
    )


def listed(table: str) -> list[tuple]:
    with connection.cursor() as cursor:
        return partitions.list_partitions(cursor, table)


def proof(deletions, kind: str, method: str) -> dict[str, int]:
    return {d.detail: d.count for d in deletions if (d.kind, d.method) == (kind, method)}


@postgres_only
def test_exactly_the_expired_partitions_are_dropped_whole_and_the_rest_deleted_by_row(point):
    with connection.cursor() as cursor:
        for table, column in partitions.LARGE_TABLES.items():
            partitions.ensure_partitions(
                cursor, table, column, (NOW - timedelta(days=40)).date(), NOW.date()
            )
    somebody = person(1, NOW)
    ages = (timedelta(days=35, minutes=1), timedelta(days=35, minutes=2), timedelta(days=32))
    ages += (timedelta(days=30, minutes=1), timedelta(days=30), timedelta(days=1))
    for n, age in enumerate(ages, start=1):
        session(point, somebody, NOW - age, local_id=n)
        beat(point, NOW - age)
    # Sessions by week (Mondays), heartbeats by day; the cutoff is Friday 23 October, 03:00.
    due = [p[0] for p in listed("records_sessionrecord") if p[2] <= CUTOFF]
    assert due == ["records_sessionrecord_w20261012"]
    days_due = [p[0] for p in listed("records_heartbeat") if p[2] <= CUTOFF]
    assert "records_heartbeat_p20261022" in days_due
    assert "records_heartbeat_p20261023" not in days_due  # the cutoff falls into it

    deletions = retention.run()

    assert proof(deletions, "sessions", "drop_partition") == {"records_sessionrecord_w20261012": 2}
    # 32 days, and 30 days and a minute: the expired days of the week the cutoff falls into.
    assert proof(deletions, "sessions", "delete") == {"": 2}
    assert sum(proof(deletions, "heartbeats", "drop_partition").values()) == 3
    assert proof(deletions, "heartbeats", "delete") == {"": 1}
    assert SessionRecord.objects.count() == Heartbeat.objects.count() == 2
    left = {p[0] for p in listed("records_sessionrecord")}
    assert "records_sessionrecord_w20261012" not in left
    assert "records_sessionrecord_w20261019" in left
    assert "records_sessionrecord_w20261123" in left  # a week ahead is ready
    assert not {p[0] for p in listed("records_heartbeat")} & set(days_due)


def an_expired_week_of_sessions(point) -> str:
    """Two sessions in the week of 12 October, wholly past the cutoff: its partition's name."""
    with connection.cursor() as cursor:
        partitions.ensure_partitions(
            cursor, "records_sessionrecord", "started_at", date(2026, 10, 12), NOW.date()
        )
    somebody = person(1, NOW)
    for n in (1, 2):
        session(point, somebody, NOW - timedelta(days=35, minutes=n), local_id=n)
    return "records_sessionrecord_w20261012"


@postgres_only
def test_a_partition_left_detached_by_a_stopped_run_is_dropped_with_its_count_next_time(point):
    name = an_expired_week_of_sessions(point)
    with connection.cursor() as cursor:
        assert partitions.detach_partition(cursor, "records_sessionrecord", name)
    assert name not in {p[0] for p in listed("records_sessionrecord")}

    deletions = retention.run()

    assert proof(deletions, "sessions", "drop_partition") == {name: 2}
    with connection.cursor() as cursor:
        assert partitions.detached_partitions(cursor, "records_sessionrecord") == []
        cursor.execute("SELECT to_regclass(%s)", [name])
        assert cursor.fetchone()[0] is None


@postgres_only
def test_a_week_whose_table_stays_busy_is_deleted_by_row_and_its_partition_left(point, monkeypatch):
    """A long query holds the sessions' table: retention waits at most DETACH_LOCK_TIMEOUT a
    try (every insert queued behind it waits as long), then deletes the week's rows one by one,
    which holds no insert up, and leaves the partition for the next run."""
    import psycopg

    monkeypatch.setattr(partitions, "DETACH_TRIES", 2)
    monkeypatch.setattr(partitions, "DETACH_PAUSE_SECONDS", 0.05)
    name = an_expired_week_of_sessions(point)
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]
    ) as reader:
        reader.execute("LOCK TABLE ONLY records_sessionrecord IN ACCESS SHARE MODE")  # a search

        deletions = retention.run()

        reader.rollback()
    assert proof(deletions, "sessions", "drop_partition") == {}
    assert proof(deletions, "sessions", "delete") == {"": 2}
    assert name in {p[0] for p in listed("records_sessionrecord")}
    assert not SessionRecord.objects.exists()


def test_a_record_at_the_cutoff_stays_and_one_just_before_it_goes(point):
    just_before = CUTOFF - timedelta(microseconds=1)
    for n, at in enumerate((just_before, CUTOFF), start=1):
        session(point, person(n, NOW), at, local_id=n)
        beat(point, at)
        event(point, at, seq=n)
    deletions = retention.run()
    for kind in ("sessions", "heartbeats", "received_events"):
        assert sum(d.count for d in deletions if d.kind == kind) == 1
    assert list(SessionRecord.objects.values_list("started_at", flat=True)) == [CUTOFF]
    assert list(Heartbeat.objects.values_list("at", flat=True)) == [CUTOFF]
    assert list(ReceivedEvent.objects.values_list("occurred_at", flat=True)) == [CUTOFF]


def test_a_person_goes_only_without_sessions_and_unseen_since_the_cutoff(point):
    long_ago = CUTOFF - timedelta(days=10)
    forgotten = person(1, long_ago)
    still_playing = person(2, long_ago)
    seen_lately = person(3, CUTOFF)
    last_session_expired = person(4, long_ago)
    guardian_gone = person(5, NOW)
    session(point, still_playing, CUTOFF + timedelta(hours=1), local_id=1)
    session(point, last_session_expired, CUTOFF - timedelta(hours=1), local_id=2)
    PointPerson.objects.create(point=point, local_id=1, person=forgotten, registered_at=long_ago)
    ward = PointPerson.objects.create(
        point=point, local_id=5, person=guardian_gone, guardian=forgotten, registered_at=NOW
    )

    deletions = retention.run()

    assert set(Person.objects.all()) == {still_playing, seen_lately, guardian_gone}
    assert proof(deletions, "persons", "delete") == {"": 2}
    assert list(PointPerson.objects.all()) == [ward]  # the forgotten one's went with them
    ward.refresh_from_db()
    assert ward.guardian is None


def test_a_second_run_deletes_nothing_more_but_still_leaves_proof(point):
    old = CUTOFF - timedelta(days=15)
    beat(point, old)
    event(point, old, seq=1)
    person(1, old)
    SeenNonce.objects.create(point=point, nonce="n" * 32, seen_at=NOW - timedelta(hours=1))
    installed = {kind for step in retention.installed_steps() for kind in step.kinds}
    first = retention.run()
    assert set(KINDS) <= installed and {d.kind for d in first} == installed
    assert sum(d.count for d in first) == 4
    assert not Heartbeat.objects.exists() and not SeenNonce.objects.exists()

    second = retention.run()
    assert [(d.kind, d.method, d.count) for d in second if d.kind in KINDS] == [
        (kind, "delete", 0) for kind in KINDS
    ]
    assert {(d.method, d.count) for d in second} == {("delete", 0)}
    assert all(
        d.cutoff == CUTOFF for d in second if d.kind not in ("request_nonces", "web_sessions")
    )
    assert all(d.ran_at == NOW for d in second)
    assert Deletion.objects.count() == len(first) + len(second)


def test_each_kind_has_its_own_retention(point, settings):
    settings.NETPOINT_RETENTION_DAYS = {"heartbeats": 60}
    beat(point, NOW - timedelta(days=45))
    deletions = retention.run()
    assert Heartbeat.objects.count() == 1
    assert {d.cutoff for d in deletions if d.kind == "heartbeats"} == {NOW - timedelta(days=60)}


def test_the_retention_command_prints_one_line_per_deletion(point, capsys):
    call_command("retention")
    lines = capsys.readouterr().out.splitlines()
    assert "sessions\t0\tolder than 2026-10-23 03:00 UTC\tdelete" in lines
    assert len(lines) == Deletion.objects.count()


def test_expired_sign_ins_go_and_live_ones_stay(point):
    stores = []
    for _ in range(2):
        store = SessionStore()
        store.create()
        stores.append(store.session_key)
    SignedInSession.objects.filter(session_key=stores[0]).update(expire_date=NOW - timedelta(1))
    SignedInSession.objects.filter(session_key=stores[1]).update(expire_date=NOW + timedelta(1))
    deletions = retention.run()
    assert list(SignedInSession.objects.values_list("session_key", flat=True)) == [stores[1]]
    assert [(d.count, d.cutoff) for d in deletions if d.kind == "web_sessions"] == [(1, NOW)]
