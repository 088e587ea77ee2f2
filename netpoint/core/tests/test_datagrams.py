import pytest
from django.contrib.contenttypes.models import ContentType

from netpoint.core.datagrams import DatagramServer

APP = "datagrams-test"
# Already there: inserting it again breaks the unique constraint.
TAKEN = ("contenttypes", "contenttype")


def _insert(cursor, items):
    for app_label, model in items:
        cursor.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES (%s, %s)", [app_label, model]
        )
    return len(items)


def _stored() -> list[str]:
    return sorted(ContentType.objects.filter(app_label=APP).values_list("model", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_batch_is_stored_in_one_transaction():
    batch = [(APP, "a"), (APP, "b")]
    stored, lost, results = DatagramServer("127.0.0.1", 65536, 100).commit(batch, _insert)
    assert (stored, lost, results) == (batch, [], [2])
    assert _stored() == ["a", "b"]


@pytest.mark.django_db(transaction=True)
def test_one_bad_item_costs_only_itself():
    batch = [(APP, "a"), TAKEN, (APP, "b")]
    stored, lost, results = DatagramServer("127.0.0.1", 65536, 100).commit(batch, _insert)
    assert (stored, lost, results) == ([(APP, "a"), (APP, "b")], [TAKEN], [1, 1])
    assert _stored() == ["a", "b"]
