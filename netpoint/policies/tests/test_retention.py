from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.policies.retention import cutoff, partition_expired

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def test_the_cutoff_is_the_retention_before_now():
    assert cutoff(NOW, 30) == datetime(2026, 10, 23, 3, 0, tzinfo=UTC)


def test_a_retention_shorter_than_a_day_is_refused():
    with pytest.raises(ValueError):
        cutoff(NOW, 0)


@given(st.integers(1, 3650), st.integers(-48, 48))
def test_a_partition_goes_only_when_all_it_holds_is_past_the_cutoff(days, hours):
    limit = cutoff(NOW, days)
    upper = limit + timedelta(hours=hours)
    assert partition_expired(upper, limit) == (hours <= 0)
