from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.policies.playtime import (
    health_warning_index,
    limit_reached_at,
    seconds_on_day,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LIMIT = 180 * 60
DAY = date(2026, 3, 10)


def local(day, hour, minute=0, second=0):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN).astimezone(UTC)


def test_time_is_counted_within_the_local_day():
    spans = [(local(10, 9, 0), local(10, 10, 30))]
    assert seconds_on_day(spans, DAY, local(10, 12), VN) == 90 * 60


def test_a_running_session_counts_up_to_now():
    assert seconds_on_day([(local(10, 9, 0), None)], DAY, local(10, 9, 45), VN) == 45 * 60


def test_a_session_across_local_midnight_is_split_between_the_days():
    spans = [(local(10, 23, 0), local(11, 1, 0))]
    assert seconds_on_day(spans, DAY, local(11, 2), VN) == 3600
    assert seconds_on_day(spans, date(2026, 3, 11), local(11, 2), VN) == 3600


def test_utc_midnight_does_not_start_a_new_day():
    # 06:00-08:00 local spans 00:00 UTC; all of it is the same local day.
    spans = [(local(10, 6, 0), local(10, 8, 0))]
    assert seconds_on_day(spans, DAY, local(10, 9), VN) == 7200


def test_overlapping_sessions_are_not_counted_twice():
    spans = [(local(10, 9, 0), local(10, 10, 0)), (local(10, 9, 30), local(10, 10, 30))]
    assert seconds_on_day(spans, DAY, local(10, 12), VN) == 90 * 60


def test_179_minutes_59_leaves_one_second():
    spans = [(local(10, 9, 0), local(10, 11, 59, 59)), (local(10, 13, 0), None)]
    assert limit_reached_at(spans, local(10, 13, 0), LIMIT, VN) == local(10, 13, 0, 1)


def test_at_180_minutes_the_limit_is_reached_now():
    spans = [(local(10, 9, 0), local(10, 12, 0)), (local(10, 13, 0), None)]
    assert limit_reached_at(spans, local(10, 13, 0), LIMIT, VN) == local(10, 13, 0)


def test_the_limit_of_a_fresh_session_is_180_minutes_away():
    assert limit_reached_at([(local(10, 9, 0), None)], local(10, 9), LIMIT, VN) == local(10, 12)


def test_play_past_midnight_starts_the_count_again():
    spans = [(local(10, 8, 0), local(10, 10, 0)), (local(10, 23, 30), None)]
    # 120 + 30 minutes on the 10th do not reach 180; the 11th counts from 00:00.
    assert limit_reached_at(spans, local(10, 23, 30), LIMIT, VN) == local(11, 3, 0)


def test_reaching_the_limit_exactly_at_midnight_belongs_to_the_new_day():
    spans = [(local(10, 8, 0), local(10, 10, 30)), (local(10, 23, 30), None)]
    assert limit_reached_at(spans, local(10, 23, 30), LIMIT, VN) == local(11, 3, 0)


def test_without_a_running_session_the_limit_is_now_plus_what_remains():
    spans = [(local(10, 8, 0), local(10, 10, 0))]
    assert limit_reached_at(spans, local(10, 11), LIMIT, VN) == local(10, 12)


def test_health_warning_every_30_minutes():
    assert health_warning_index(30 * 60 - 1, 1800) == 0
    assert health_warning_index(30 * 60, 1800) == 1
    assert health_warning_index(179 * 60, 1800) == 5
    assert health_warning_index(180 * 60, 1800) == 6


spans = st.lists(
    st.tuples(st.integers(0, 4 * 24 * 60), st.integers(1, 10 * 60)), min_size=0, max_size=6
)


@given(spans)
def test_days_add_up_to_the_merged_total(raw):
    base = local(9, 0, 0)
    intervals = [(base + timedelta(minutes=s), base + timedelta(minutes=s + d)) for s, d in raw]
    now = base + timedelta(days=6)
    days = [date(2026, 3, 9) + timedelta(days=n) for n in range(6)]
    total = sum(seconds_on_day(intervals, day, now, VN) for day in days)
    covered = set()
    for s, d in raw:
        covered.update(range(s, s + d))
    assert total == len(covered) * 60


@given(st.integers(0, 24 * 60 - 1), st.integers(0, 400), st.integers(1, 600))
def test_the_limit_moment_is_never_before_now_and_reaches_the_limit(start_min, played, limit_min):
    start = local(10, 0) + timedelta(minutes=start_min)
    now = start + timedelta(minutes=played)
    intervals = [(start, None)]
    moment = limit_reached_at(intervals, now, limit_min * 60, VN)
    assert moment >= now
    played = seconds_on_day(intervals, moment.astimezone(VN).date(), moment, VN)
    if moment == now:
        assert played >= limit_min * 60
    else:
        assert played == limit_min * 60
