from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from netpoint.common.policies.hours import (
    OpeningHours,
    hours_for,
    is_open,
    next_closing,
    next_opening,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
GAME = OpeningHours(time(8, 0), time(22, 0))
NIGHT = OpeningHours(time(18, 0), time(2, 0))
TABLE = {
    "game": {"*": ("08:00", "22:00"), "79": ("07:00", "23:00")},
    "internet": {"*": None},
}


def local(day, hour, minute=0, second=0):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN).astimezone(UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(10, 7, 59, 59), False),
        (local(10, 8, 0, 0), True),
        (local(10, 12, 0), True),
        (local(10, 21, 59, 59), True),
        (local(10, 22, 0, 0), False),
        (local(10, 23, 30), False),
        (local(10, 0, 0), False),
    ],
)
def test_game_point_hours_at_the_boundaries(moment, expected):
    assert is_open(GAME, moment, VN) is expected


def test_22_00_local_is_15_00_utc():
    assert not is_open(GAME, datetime(2026, 3, 10, 15, 0, tzinfo=UTC), VN)
    assert is_open(GAME, datetime(2026, 3, 10, 14, 59, 59, tzinfo=UTC), VN)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(10, 17, 59, 59), False),
        (local(10, 18, 0), True),
        (local(10, 23, 59, 59), True),
        (local(11, 0, 0), True),
        (local(11, 1, 59, 59), True),
        (local(11, 2, 0), False),
    ],
)
def test_hours_across_midnight(moment, expected):
    assert is_open(NIGHT, moment, VN) is expected


def test_no_hours_means_always_open():
    assert is_open(None, local(10, 3, 0), VN)
    assert next_closing(None, local(10, 3, 0), VN) is None
    assert next_opening(None, local(10, 3, 0), VN) is None


def test_next_closing_is_tonight_at_22():
    assert next_closing(GAME, local(10, 9, 0), VN) == local(10, 22, 0)


def test_next_closing_when_already_closed_is_now():
    assert next_closing(GAME, local(10, 23, 0), VN) == local(10, 23, 0)


def test_next_closing_of_overnight_hours_is_the_next_morning():
    assert next_closing(NIGHT, local(10, 23, 0), VN) == local(11, 2, 0)
    assert next_closing(NIGHT, local(11, 1, 0), VN) == local(11, 2, 0)


def test_next_opening_after_closing_is_8_the_next_morning():
    assert next_opening(GAME, local(10, 22, 0), VN) == local(11, 8, 0)
    assert next_opening(GAME, local(11, 3, 0), VN) == local(11, 8, 0)
    assert next_opening(GAME, local(11, 9, 0), VN) == local(11, 9, 0)


def test_province_rule_overrides_the_national_default():
    assert hours_for("game", "79", TABLE) == OpeningHours(time(7), time(23))
    assert hours_for("game", "01", TABLE) == GAME


def test_unknown_type_or_no_rule_is_always_open():
    assert hours_for("internet", "01", TABLE) is None
    assert hours_for("wifi", "01", TABLE) is None


def test_equal_opening_and_closing_means_around_the_clock():
    assert hours_for("game", "*", {"game": {"*": ("00:00", "00:00")}}) is None


@pytest.mark.parametrize("bad", [("8h", "22:00"), ("08:00", "25:00"), ("08:00", None)])
def test_malformed_hours_are_refused(bad):
    with pytest.raises(ValueError, match="HH:MM"):
        hours_for("game", "*", {"game": {"*": bad}})
