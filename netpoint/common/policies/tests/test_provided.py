from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from netpoint.common.policies.hours import OpeningHours, is_open
from netpoint.common.policies.provided import (
    Conflict,
    LocalWish,
    PointPolicy,
    PolicyInvalid,
    conflicts,
    verdict,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
POLICY = PointPolicy(
    point="HN-0001",
    version=1_770_000_000_000,
    point_type="game",
    province_code=1,
    ward_code=4,
    opening_hours=("08:00", "22:00"),
    hours_source="national",
    minors_across_points=True,
    minor_daily_minutes=180,
)


def test_a_policy_reads_back_from_its_json_unchanged():
    assert PointPolicy.from_json(POLICY.as_json()) == POLICY


def test_a_policy_without_hours_keeps_the_point_open_around_the_clock():
    policy = PointPolicy.from_json(POLICY.as_json() | {"opening_hours": None})
    assert policy.hours is None


def test_a_game_point_policy_closes_it_at_22_00_local():
    hours = POLICY.hours
    assert hours == OpeningHours(time(8), time(22))
    assert not is_open(hours, datetime(2026, 3, 10, 15, 0, tzinfo=UTC), VN)


@pytest.mark.parametrize(
    "change",
    [
        {"point_type": "casino"},
        {"version": -1},
        {"version": "7"},
        {"opening_hours": ["8h", "22:00"]},
        {"opening_hours": ["08:00"]},
        {"minors_across_points": "yes"},
        {"point": ""},
        {"hours_source": "owner"},
    ],
)
def test_a_document_with_a_wrong_field_is_not_a_policy(change):
    with pytest.raises(PolicyInvalid):
        PointPolicy.from_json(POLICY.as_json() | change)


def test_a_newer_policy_replaces_the_one_held():
    assert verdict(POLICY, "HN-0001", POLICY.version - 1).take


def test_the_first_policy_is_taken():
    assert verdict(POLICY, "HN-0001", None).take


def test_an_older_policy_is_refused():
    decision = verdict(POLICY, "HN-0001", POLICY.version + 1)
    assert not decision.take and decision.refusal == "older"


def test_the_same_policy_again_changes_nothing():
    assert verdict(POLICY, "HN-0001", POLICY.version).refusal == "same"


def test_another_points_policy_is_refused():
    assert verdict(POLICY, "HN-0002", None).refusal == "other_point"


def test_an_owner_calling_a_game_point_an_internet_point_is_a_conflict():
    found = conflicts(POLICY, LocalWish(point_type="internet", province_code="*"))
    assert found == (Conflict("point_type", "game", "internet"),)


def test_another_province_in_the_profile_is_a_conflict_but_any_province_is_not():
    assert conflicts(POLICY, LocalWish("game", "79"))[0].field == "province_code"
    assert conflicts(POLICY, LocalWish("game", "*")) == ()
    assert conflicts(POLICY, LocalWish("game", "01")) == ()
