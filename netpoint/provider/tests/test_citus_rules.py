"""The schema is ready for Citus: the statements docs/DEPLOY.md gives would run unchanged on
the migrated database, because every rule they depend on holds (netpoint.common.core
.distribution), and the rule checker itself catches each kind of break."""

import re
from pathlib import Path

import pytest
from django.db import connection

from netpoint.common.core.distribution import (
    BrokenRule,
    Distributed,
    Plan,
    Reference,
    broken_rules,
    plan,
    sql,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Citus extends PostgreSQL"),
]

DEPLOY = Path(__file__).resolve().parents[3] / "docs" / "DEPLOY.md"
ALL_MODULES = {"antispam", "games", "wifi", "nat"}


def statements(text: str) -> list[str]:
    return [" ".join(s.split()) for s in text.split(";") if s.strip()]


def docs_statements() -> list[str]:
    block = re.search(r"```sql\n(CREATE EXTENSION citus;.*?)```", DEPLOY.read_text(), re.S)
    assert block, "docs/DEPLOY.md has no Citus block"
    return statements(block.group(1))


def test_the_migrated_schema_breaks_no_citus_rule():
    with connection.cursor() as cursor:
        assert broken_rules(cursor, plan()) == []


def test_every_partitioned_table_is_distributed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'p' AND NOT relispartition")
        partitioned = {name for (name,) in cursor.fetchall()}
    distributed = {entry.table for entry in plan().distributed}
    assert partitioned - distributed == set()


def test_the_docs_give_the_statements_of_the_installed_apps(settings):
    wanted, documented = statements(sql(plan())), docs_statements()
    assert [s for s in wanted if s not in documented] == []
    if set(settings.NETPOINT_MODULES) == ALL_MODULES:
        assert wanted == documented


def test_each_group_is_created_before_the_tables_co_located_with_it():
    created: set[str] = set()
    for statement in statements(sql(plan())):
        named = re.findall(r"'(\w+)'", statement)
        if "colocate_with" in statement:
            assert named[-1] in created, statement
        if named:
            created.add(named[0])


@pytest.fixture
def scratch():
    """Tables made for one test in its transaction, gone with it."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE scratch_ref (id bigint PRIMARY KEY)")
        cursor.execute(
            "CREATE TABLE scratch_big (id bigint, point_id bigint NOT NULL,"
            " ref_id bigint REFERENCES scratch_ref (id), PRIMARY KEY (id, point_id))"
        )
        yield cursor


def scratch_plan(*more) -> Plan:
    entries = (Reference("scratch_ref"), Distributed("scratch_big", "point_id"), *more)
    return Plan(
        distributed=tuple(e for e in entries if isinstance(e, Distributed)),
        reference=tuple(e for e in entries if isinstance(e, Reference)),
    )


def scratch_rules(cursor, of: Plan) -> list[str]:
    return [str(rule) for rule in broken_rules(cursor, of) if rule.table.startswith("scratch_")]


def test_a_distributed_table_that_references_a_reference_table_is_sound(scratch):
    assert scratch_rules(scratch, scratch_plan()) == []


def test_a_primary_key_without_the_distribution_column_is_named(scratch):
    scratch.execute("CREATE TABLE scratch_other (id bigint PRIMARY KEY, point_id bigint NOT NULL)")
    rules = scratch_rules(scratch, scratch_plan(Distributed("scratch_other", "point_id")))
    assert rules == ["scratch_other: primary key lacks point_id"]


def test_a_unique_index_without_the_distribution_column_is_named(scratch):
    scratch.execute("CREATE UNIQUE INDEX scratch_once ON scratch_big (ref_id)")
    assert scratch_rules(scratch, scratch_plan()) == [
        "scratch_big: unique index scratch_once lacks point_id"
    ]


def test_a_distribution_column_that_may_be_null_is_named(scratch):
    scratch.execute("CREATE TABLE scratch_other (id bigint, point_id bigint)")
    rules = scratch_rules(scratch, scratch_plan(Distributed("scratch_other", "point_id")))
    assert rules == ["scratch_other: point_id may be NULL"]


def test_a_reference_table_pointing_at_a_distributed_one_is_named(scratch):
    scratch.execute(
        "CREATE TABLE scratch_small (id bigint PRIMARY KEY, big_id bigint, point_id bigint,"
        " FOREIGN KEY (big_id, point_id) REFERENCES scratch_big (id, point_id))"
    )
    rules = scratch_rules(scratch, scratch_plan(Reference("scratch_small")))
    assert rules == [
        "scratch_small: scratch_small_big_id_point_id_fkey: a reference table points at scratch_big"
    ]


def test_a_foreign_key_between_groups_is_named(scratch):
    scratch.execute(
        "CREATE TABLE scratch_child (id bigint, point_id bigint NOT NULL, big_id bigint,"
        " PRIMARY KEY (id, point_id),"
        " FOREIGN KEY (big_id, point_id) REFERENCES scratch_big (id, point_id))"
    )
    apart = scratch_plan(Distributed("scratch_child", "point_id"))
    together = scratch_plan(Distributed("scratch_child", "point_id", colocate_with="scratch_big"))
    assert scratch_rules(scratch, apart) == [
        "scratch_child: scratch_child_big_id_point_id_fkey: points at scratch_big, not co-located"
        " through the key"
    ]
    assert scratch_rules(scratch, together) == []


def test_a_co_located_table_distributed_by_another_type_is_named(scratch):
    scratch.execute(
        "CREATE TABLE scratch_text (id bigint, point_id text NOT NULL, PRIMARY KEY (id, point_id))"
    )
    rules = scratch_rules(
        scratch, scratch_plan(Distributed("scratch_text", "point_id", colocate_with="scratch_big"))
    )
    assert rules == ["scratch_text: point_id is text, its group's column bigint"]


def test_a_table_in_the_plan_but_not_in_the_database_is_named(scratch):
    assert broken_rules(scratch, scratch_plan(Reference("scratch_gone"))) == [
        BrokenRule("scratch_gone", "is in the plan but not in the database")
    ]
