"""A database made by the migrations of the tree before it was laid out by role (commit 0731702)
migrates to today's with every row kept, and the move itself runs no SQL: every AppConfig.label
stayed, and PointProfile went from `core` to the point's `profile` app in its state only."""

import copy
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

# Each app's last migration at 0731702. `profile` did not exist: PointProfile was core's.
BEFORE_THE_MOVE = {
    "accesslog": "0001_initial",
    "accessrecords": "0002_partition_by_minute",
    "accounts": "0001_initial",
    "antispam": "0002_recentsends_bytea",
    "audit": "0001_initial",
    "authority": "0002_exportapproval",
    "billing": "0001_initial",
    "core": "0003_signed_in_session",
    "customers": "0001_initial",
    "games": "0002_fillfactor",
    "monitoring": "0001_initial",
    "nat": "0001_initial",
    "outbox": "0002_remove_outboxevent_sent_at",
    "point_sessions": "0001_initial",
    "records": "0006_long_sessions_by_point_time",
    "registry": "0003_point_code_by_id",
    "reports": "0001_initial",
    "stations": "0001_initial",
    "uplink": "0001_initial",
    "wifi": "0003_radacct_write_cost",
}
THE_MOVE = [("core", "0004_pointprofile_moved_to_profile"), ("profile", "0001_initial")]
ALIAS = "before_the_move"
AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
# Outside a transaction: PostgreSQL creates a database only so, and SQLite alters tables so.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database(django_db_blocker, tmp_path):
    """A connection to a new, empty database beside the test database: on PostgreSQL another
    database on the same server, on SQLite a file."""
    default = connections["default"]
    settings = copy.deepcopy(default.settings_dict)
    postgresql = default.vendor == "postgresql"
    settings["NAME"] = f"{settings['NAME']}_{ALIAS}" if postgresql else str(tmp_path / "db")
    with django_db_blocker.unblock():
        if postgresql:
            with default.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
                cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
        connections.settings[ALIAS] = settings
        try:
            yield connections[ALIAS]
        finally:
            connections[ALIAS].close()
            del connections[ALIAS]
            del connections.settings[ALIAS]
            if postgresql:
                with default.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE "{settings["NAME"]}"')


def written_before_the_move(old) -> list[tuple[str, str, object, dict]]:
    """A row in a few tables, written through the historical models `old`: (today's app label,
    model, primary key, values written)."""
    written = []

    def write(label: str, model: str, label_today: str | None = None, **values):
        row = old.get_model(label, model).objects.using(ALIAS).create(**values)
        written.append((label_today or label, model, row.pk, values))
        return row

    write(
        "core",
        "PointProfile",
        label_today="profile",
        name="Quán Net Trước Khi Chuyển",
        point_type="internet",
        province_code="01",
        address="1 Phố Thử",
    )
    write("core", "FailedAttempts", scope="pairing", who="192.0.2.7", first_at=AT, count=3)
    user = write("auth", "User", username="thungan", password="!")
    write(
        "core",
        "SignedInSession",
        session_key="k" * 32,
        session_data="e30:dữ-liệu",
        expire_date=AT,
        user_id=user.pk,
    )
    zone = write("stations", "Zone", name="Thường")
    write("stations", "Station", name="M01", zone_id=zone.pk)
    enterprise = write("registry", "Enterprise", name="Công ty Thử Nghiệm", tax_code="0100000001")
    point = write(
        "registry",
        "Point",
        enterprise_id=enterprise.pk,
        code="HN-0001",
        name="Điểm HN-0001",
        point_type="game",
        owner_name="Chủ Thử Nghiệm",
        province_code=1,
        ward_code=4,
        street_address="1 Phố Thử",
        public_ips=["203.0.113.9"],
    )
    person = write(
        "records",
        "Person",
        id_index="i" * 64,
        id_type="cccd",
        id_number_sealed="niêm-phong",
        full_name="Người Thử Nghiệm",
        date_of_birth=date(1995, 5, 5),
        first_seen_at=AT,
        last_seen_at=AT,
    )
    write(
        "records",
        "SessionRecord",
        point_id=point.pk,
        local_id=1,
        person_id=person.pk,
        station="M01",
        kind="walk_in",
        started_at=AT,
        ended_at=AT.replace(hour=4),
    )
    return written


def test_a_database_from_before_the_move_migrates_with_every_row_kept_and_no_sql(fresh_database):
    executor = MigrationExecutor(fresh_database)
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("netpoint")}
    # The modules installed (NETPOINT_MODULES): a provider without one never had its tables.
    assert {"core", "stations", "registry", "records"} <= ours
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in ours]
    before = others + [(label, name) for label, name in BEFORE_THE_MOVE.items() if label in ours]
    executor.migrate(before)
    written = written_before_the_move(executor.loader.project_state(before).apps)

    executor = MigrationExecutor(fresh_database)
    the_move = [(executor.loader.graph.nodes[node], False) for node in THE_MOVE]
    # As sqlmigrate shows them: each operation's description as a comment, then its SQL (or a
    # comment that Python runs instead).
    statements = executor.loader.collect_sql(the_move)
    run = [line for line in statements if not line.startswith("--") or "CANNOT BE" in line]
    assert statements and not run
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    assert MigrationExecutor(fresh_database).migration_plan(leaves) == []

    for label, model, pk, values in written:
        today = apps.get_model(label, model).objects.using(ALIAS)
        assert today.values(*values).get(pk=pk) == values, f"{label}.{model}"
