"""Instances read by plain SQL are the ORM's instances, value for value."""

import pytest

from netpoint.audit import services as audit
from netpoint.audit.models import AuditEntry
from netpoint.core.plainsql import instances

pytestmark = pytest.mark.django_db


def values(instance) -> dict:
    return {
        field.attname: getattr(instance, field.attname) for field in type(instance)._meta.fields
    }


def test_an_instance_read_by_plain_sql_equals_the_orms(cashier):
    entry = audit.record("view_person", user=cashier, target="người 1", detail={"n": [1, "hai"]})
    [plain] = instances(AuditEntry, "t.seq = %s", [entry.seq])
    orm = AuditEntry.objects.get(seq=entry.seq)
    assert values(plain) == values(orm)
    assert plain.detail == {"n": [1, "hai"]} and plain.at.tzinfo is not None
    assert not plain._state.adding


def test_extra_columns_are_set_on_the_instances(cashier):
    entry = audit.record("view_person", user=cashier)
    [plain] = instances(AuditEntry, "t.seq = %s", [entry.seq], doubled="t.seq * 2")
    assert plain.doubled == entry.seq * 2


def test_nothing_found_is_an_empty_list():
    assert instances(AuditEntry, "t.seq = %s", [404]) == []


def test_deferred_fields_are_left_unread_until_used(cashier, django_assert_num_queries):
    entry = audit.record("view_person", user=cashier, detail={"n": 1})
    with django_assert_num_queries(1):
        [plain] = instances(AuditEntry, "t.seq = %s", [entry.seq], defer=("detail",))
        assert plain.get_deferred_fields() == {"detail"} and plain.action == "view_person"
    with django_assert_num_queries(1):
        assert plain.detail == {"n": 1}
