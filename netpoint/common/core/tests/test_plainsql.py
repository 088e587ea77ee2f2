"""Instances and rows read by plain SQL are the ORM's, value for value."""

import pytest

from netpoint.common.audit import services as audit
from netpoint.common.audit.models import AuditEntry
from netpoint.common.core.plainsql import instances, rows

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


def test_rows_are_the_orms_rows_value_for_value(cashier):
    audit.record("view_person", user=cashier, target="người 1")
    audit.record("search", actor="máy", target="")
    entries = AuditEntry.objects.order_by("seq").values_list("seq", "at", "user_id", "target")
    assert rows(entries) == list(entries)
    assert all(row[1].tzinfo is not None for row in rows(entries))


def test_rows_take_quotes_and_percent_signs_in_their_arguments_as_text(cashier):
    hostile = "O'Brien 100% '); DROP TABLE audit_auditentry; --"
    audit.record("search", user=cashier, target=hostile)
    audit.record("search", user=cashier, target="khác")
    found = AuditEntry.objects.filter(target=hostile).values_list("target")
    assert rows(found) == [(hostile,)]
    assert AuditEntry.objects.count() == 2


def test_rows_of_a_filter_that_can_match_nothing_are_none():
    assert rows(AuditEntry.objects.filter(seq__in=[]).values_list("seq")) == []
