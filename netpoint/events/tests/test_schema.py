import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.events.schema import REQUIRED, envelope, problems, uuid7

AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_uuid7_carries_the_millisecond_and_sorts_by_time():
    first, later = uuid7(1_700_000_000_000), uuid7(1_700_000_000_001)
    assert first.version == 7 and first.variant == uuid.RFC_4122
    assert first.int >> 80 == 1_700_000_000_000
    assert str(first) < str(later)


@given(st.integers(0, 2**48 - 2))
def test_uuid7_order_follows_time(ms):
    assert uuid7(ms) < uuid7(ms + 1)


def good(kind="station.registered"):
    return envelope(kind, 1, dict.fromkeys(REQUIRED[kind], 1), AT)


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_a_complete_event_has_no_problems(kind):
    assert problems(good(kind)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": "nope"}, "id is not a UUID"),
        ({"id": str(uuid.uuid4())}, "id is not a version 7 UUID"),
        ({"v": 2}, "unknown schema version 2"),
        ({"kind": "person.deleted"}, "unknown kind 'person.deleted'"),
        ({"seq": 0}, "seq must be a positive integer"),
        ({"seq": True}, "seq must be a positive integer"),
        ({"at": "yesterday"}, "at is not an ISO 8601 time"),
        ({"data": []}, "data must be an object"),
        ({"data": {"station": 1}}, "data lacks name"),
    ],
)
def test_each_fault_is_named(change, expected):
    assert expected in problems({**good(), **change})


def test_something_that_is_not_an_object_is_refused():
    assert problems(["not", "an", "event"]) == ["an event is a JSON object"]
