import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.events.schema import REQUIRED, envelope, problems, uuid7

AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


def test_uuid7_carries_the_millisecond_and_sorts_by_time():
    first, later = uuid7(1_700_000_000_000), uuid7(1_700_000_000_001)
    assert first.version == 7 and first.variant == uuid.RFC_4122
    assert first.int >> 80 == 1_700_000_000_000
    assert str(first) < str(later)


@given(st.integers(0, 2**48 - 2))
def test_uuid7_order_follows_time(ms):
    assert uuid7(ms) < uuid7(ms + 1)


PERSON = {
    "person": 7,
    "full_name": "Nguyễn Văn Thử",
    "date_of_birth": "2001-02-03",
    "gender": "male",
    "id_type": "cccd",
    "id_number": "001201000001",
    "id_issued_on": None,
    "id_issued_by": "",
    "address": "Hà Nội",
    "phone": "",
    "guardian": None,
    "guardian_relation": "",
}
SAMPLE = {
    "person.registered": PERSON,
    "person.updated": PERSON,
    "session.started": {
        "session": 1,
        "person": 7,
        "station": "M01",
        "kind": "member",
        "started_at": AT.isoformat(),
    },
    "session.ended": {
        "session": 1,
        "started_at": AT.isoformat(),
        "ended_at": AT.isoformat(),
        "end_reason": "check_out",
        "charge": 6000,
    },
    "session.pauses": {
        "session": 1,
        "started_at": AT.isoformat(),
        "pauses": [[AT.isoformat(), AT.isoformat()], [AT.isoformat(), None]],
    },
    "session.moved": {
        "session": 1,
        "started_at": AT.isoformat(),
        "stations": [["M01", AT.isoformat()], ["M03", AT.isoformat()]],
    },
    "session.minutes_unconfirmed": {"session": 1, "started_at": AT.isoformat()},
    "station.registered": {"station": 1, "name": "M01", "mac": None},
    "access.batch": {"entries": [[1, AT.isoformat(), "chat", "zalo.me", 443, 12]]},
    "access.unattributed": {
        "entries": [
            ["192.168.1.22", "M02", AT.isoformat(), "chat", "zalo.me", 443, 12],
            ["192.168.1.99", None, AT.isoformat(), "web", "vnexpress.net", 0, 3],
        ]
    },
    "station.silent": {
        "station": "M02",
        "last_seen": AT.isoformat(),
        "noticed_at": AT.isoformat(),
    },
    "point.heartbeat": {
        "software_version": "0.1",
        "software_hash": "ab" * 32,
        "stations_in_use": 3,
        "stations_total": 20,
    },
}


def good(kind="station.registered"):
    return envelope(kind, 1, SAMPLE[kind], AT)


def test_every_kind_has_a_sample():
    assert SAMPLE.keys() == REQUIRED.keys()


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_a_complete_event_has_no_problems(kind):
    assert problems(good(kind)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"id": "nope"}, "id is not a UUID"),
        ({"id": "{" + str(uuid7()) + "}"}, "id is not a UUID in its canonical form"),
        ({"id": str(uuid.uuid4())}, "id is not a version 7 UUID"),
        ({"v": 2}, "unknown schema version '2'"),
        ({"kind": "person.deleted"}, "unknown kind 'person.deleted'"),
        ({"seq": 0}, "seq must be a positive integer"),
        ({"seq": True}, "seq must be a positive integer"),
        ({"seq": 2**63}, "seq must be a positive integer"),
        ({"at": "2026-03-10T10:00:00"}, "at is not an RFC 3339 time with its offset"),
        ({"data": {"station": "1", "name": "M01", "mac": None}}, "data has bad station"),
        ({"data": {"station": 1, "name": "M\x000", "mac": None}}, "data has bad name"),
        ({"at": "yesterday"}, "at is not an RFC 3339 time with its offset"),
        ({"at": "2026-03-10\t10:00:00+00:00"}, "at is not an RFC 3339 time with its offset"),
        ({"at": "2026-W11-2T10:00:00+00:00"}, "at is not an RFC 3339 time with its offset"),
        ({"at": "2026-03-10T10:00:00+24:00"}, "at is not an RFC 3339 time with its offset"),
        ({"at": "9999-12-31T23:59:59-01:00"}, "at is not an RFC 3339 time with its offset"),
        ({"data": []}, "data must be an object"),
        ({"data": {"station": 1}}, "data lacks mac, name"),
    ],
)
def test_each_fault_is_named(change, expected):
    assert expected in problems({**good(), **change})


def test_something_that_is_not_an_object_is_refused():
    assert problems(["not", "an", "event"]) == ["an event is a JSON object"]


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [[1, AT.isoformat(), "chat", "zalo.me", 443]],
        [[0, AT.isoformat(), "chat", "zalo.me", 443, 1]],
        [[1, "10:00", "chat", "zalo.me", 443, 1]],
        [[1, AT.isoformat(), "torrent", "zalo.me", 443, 1]],
        [[1, AT.isoformat(), "chat", "", 443, 1]],
        [[1, AT.isoformat(), "chat", "z" * 256, 443, 1]],
        [[1, AT.isoformat(), "chat", "zalo.me", 70000, 1]],
        [[1, AT.isoformat(), "chat", "zalo.me", 443, 0]],
        [[1, AT.isoformat(), "chat", "zalo.me", 443, 1]] * 5001,
        "zalo.me",
    ],
)
def test_an_access_batch_with_a_bad_entry_is_refused(entries):
    event = envelope("access.batch", 1, {"entries": entries}, AT)
    assert "data has bad entries" in problems(event)


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [["192.168.1.22", "M02", AT.isoformat(), "chat", "zalo.me", 443]],
        [["M02", "M02", AT.isoformat(), "chat", "zalo.me", 443, 1]],
        [["192.168.1.300", None, AT.isoformat(), "chat", "zalo.me", 443, 1]],
        [["192.168.1.22", 7, AT.isoformat(), "chat", "zalo.me", 443, 1]],
        [["192.168.1.22", "M" * 51, AT.isoformat(), "chat", "zalo.me", 443, 1]],
        [["192.168.1.22", None, "10:00", "chat", "zalo.me", 443, 1]],
        [["192.168.1.22", None, AT.isoformat(), "torrent", "zalo.me", 443, 1]],
        [["192.168.1.22", None, AT.isoformat(), "chat", "", 443, 1]],
        [["192.168.1.22", None, AT.isoformat(), "chat", "zalo.me", -1, 1]],
        [["192.168.1.22", None, AT.isoformat(), "chat", "zalo.me", 443, 0]],
        [["192.168.1.22", None, AT.isoformat(), "chat", "zalo.me", 443, 1]] * 5001,
    ],
)
def test_unattributed_access_with_a_bad_entry_is_refused(entries):
    event = envelope("access.unattributed", 1, {"entries": entries}, AT)
    assert "data has bad entries" in problems(event)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"station": "M02", "last_seen": "10:00", "noticed_at": AT.isoformat()}, "last_seen"),
        ({"station": None, "last_seen": AT.isoformat(), "noticed_at": AT.isoformat()}, "station"),
        ({"station": "M02", "last_seen": AT.isoformat(), "noticed_at": None}, "noticed_at"),
    ],
)
def test_a_silent_station_event_with_a_bad_field_is_refused(data, expected):
    event = envelope("station.silent", 1, data, AT)
    assert f"data has bad {expected}" in problems(event)


@pytest.mark.parametrize(
    "pauses", [[["yesterday", None]], [[AT.isoformat()]], "none", [[None, AT.isoformat()]]]
)
def test_a_malformed_pause_is_named(pauses):
    data = {**SAMPLE["session.pauses"], "pauses": pauses}
    assert "data has bad pauses" in problems(envelope("session.pauses", 1, data, AT))


@pytest.mark.parametrize(
    "at", ["2026-03-10T10:00:00Z", "2026-03-10T10:00:00.123456+07:00", AT.isoformat()]
)
def test_rfc_3339_times_with_an_offset_are_accepted(at):
    assert problems({**good(), "at": at}) == []


@pytest.mark.parametrize(
    "stations",
    [
        [["M01", AT.isoformat()]],  # no move
        [["M01", AT.isoformat()], ["M03"]],
        [["M01", AT.isoformat()], ["M03", "14:20"]],
        [["M01", AT.isoformat()], [3, AT.isoformat()]],
        [["M01", AT.isoformat()], ["M" * 41, AT.isoformat()]],
        "M03",
    ],
)
def test_a_malformed_list_of_stations_is_named(stations):
    data = {**SAMPLE["session.moved"], "stations": stations}
    assert "data has bad stations" in problems(envelope("session.moved", 1, data, AT))
