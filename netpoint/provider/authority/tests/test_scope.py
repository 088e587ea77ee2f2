from datetime import UTC, datetime, timedelta

import pytest

from netpoint.provider.authority.scope import (
    RequestFacts,
    Search,
    normalise_name,
    refusal,
    refusal_whatever_searched,
)

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
FACTS = RequestFacts(
    approved=True,
    valid_until=NOW + timedelta(days=7),
    time_from=NOW - timedelta(days=30),
    time_to=NOW,
    id_indexes=frozenset({"a" * 64}),
    phone_indexes=frozenset({"b" * 64}),
    names=frozenset({normalise_name("Nguyễn  Văn An")}),
    point_ids=frozenset({7}),
)
IN_TIME = {"time_from": NOW - timedelta(days=2), "time_to": NOW - timedelta(days=1)}


@pytest.mark.parametrize(
    ("changes", "search", "expected"),
    [
        ({}, {"id_index": "a" * 64}, None),
        ({}, {"phone_index": "b" * 64}, None),
        ({}, {"name": "nguyễn văn an"}, None),
        ({}, {"point_id": 7}, None),
        ({"approved": False}, {"id_index": "a" * 64}, "not_approved"),
        ({"valid_until": NOW - timedelta(seconds=1)}, {"id_index": "a" * 64}, "expired"),
        ({}, {"id_index": "c" * 64}, "person_not_in_scope"),
        ({}, {"name": "Trần Thị Bình"}, "person_not_in_scope"),
        ({}, {"point_id": 8}, "point_not_in_scope"),
        ({}, {}, "nothing_to_search"),
    ],
)
def test_a_search_is_allowed_only_inside_an_approved_unexpired_request(changes, search, expected):
    facts = RequestFacts(**{**FACTS.__dict__, **changes})
    assert refusal(facts, Search(**IN_TIME, **search), NOW) == expected


@pytest.mark.parametrize(
    "times",
    [
        {"time_from": NOW - timedelta(days=31), "time_to": NOW},
        {"time_from": NOW - timedelta(days=1), "time_to": NOW + timedelta(seconds=1)},
    ],
)
def test_a_search_outside_the_requests_time_range_is_refused(times):
    assert refusal(FACTS, Search(**times, id_index="a" * 64), NOW) == "outside_time"


def test_the_request_is_valid_until_its_last_second():
    search = Search(**IN_TIME, id_index="a" * 64)
    assert refusal(FACTS, search, FACTS.valid_until) is None


@pytest.mark.parametrize(
    ("changes", "times", "expected"),
    [
        ({}, IN_TIME, None),
        ({"approved": False}, IN_TIME, "not_approved"),
        ({"valid_until": NOW - timedelta(seconds=1)}, IN_TIME, "expired"),
        ({}, {"time_from": NOW - timedelta(days=31), "time_to": NOW}, "outside_time"),
        (
            {},
            {"time_from": NOW - timedelta(days=1), "time_to": NOW - timedelta(days=2)},
            "bad_time",
        ),
        # Whatever the search is for: the request covers no point, and it still says None.
        ({"point_ids": frozenset()}, IN_TIME, None),
    ],
)
def test_what_refuses_a_search_whatever_it_is_for_is_known_before_any_lookup(
    changes, times, expected
):
    facts = RequestFacts(**{**FACTS.__dict__, **changes})
    assert refusal_whatever_searched(facts, times["time_from"], times["time_to"], NOW) == expected
