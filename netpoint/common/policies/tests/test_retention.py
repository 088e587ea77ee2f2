from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.policies.retention import cutoff, cutoffs, expired_partitions

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
DAY = timedelta(days=1)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


def days_from(first: datetime, count: int) -> list[tuple[str, datetime, datetime]]:
    """Consecutive day partitions, as the database lists them."""
    return [(f"p{n}", first + n * DAY, first + (n + 1) * DAY) for n in range(count)]


def test_the_cutoff_is_the_retention_before_now():
    assert cutoff(NOW, 30) == datetime(2026, 10, 23, 3, 0, tzinfo=UTC)


def test_each_kind_gets_its_own_cutoff():
    assert cutoffs(NOW, {"sessions": 30, "persons": 365}) == {
        "sessions": NOW - 30 * DAY,
        "persons": NOW - 365 * DAY,
    }


@pytest.mark.parametrize("days", [0, -1])
def test_a_retention_shorter_than_a_day_is_refused(days):
    with pytest.raises(ValueError):
        cutoff(NOW, days)


@given(instants, st.integers(1, 3650), st.integers(1, 3650))
def test_a_longer_retention_keeps_more(now, days, more):
    assert cutoff(now, days + more) < cutoff(now, days) < now


def test_a_day_ending_at_the_cutoff_goes_and_the_day_it_falls_into_stays():
    midnight = datetime(2026, 10, 23, tzinfo=UTC)
    partitions = days_from(midnight - 2 * DAY, 4)  # 21st, 22nd, 23rd, 24th of October
    assert expired_partitions(partitions, midnight) == ["p0", "p1"]
    assert expired_partitions(partitions, midnight + timedelta(microseconds=1)) == ["p0", "p1"]
    assert expired_partitions(partitions, midnight - timedelta(microseconds=1)) == ["p0"]


@given(instants, st.integers(0, 60), instants)
def test_exactly_the_days_holding_nothing_at_or_after_the_cutoff_go(first, count, limit):
    first = first.replace(hour=0, minute=0, second=0, microsecond=0)
    partitions = days_from(first, count)
    expired = expired_partitions(partitions, limit)
    for name, _start, end in partitions:
        # The last instant a day can hold is just before its end.
        holds_only_expired = end - timedelta(microseconds=1) < limit
        assert (name in expired) == holds_only_expired
    # Expired days are always the oldest ones: dropping them leaves no hole.
    assert expired == [name for name, _s, _e in partitions[: len(expired)]]
