from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.policies.pricing import billed_minutes, charge, paid_until, rate_at

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FLAT = [(time(0, 0), 6000)]
DAY_NIGHT = [(time(8, 0), 5000), (time(22, 0), 8000)]


def local(day, hour, minute=0, second=0):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN).astimezone(UTC)


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 0), (1, 1), (59, 1), (60, 1), (61, 2)])
def test_every_started_minute_is_billed(seconds, minutes):
    start = local(10, 9)
    assert billed_minutes(start, start + timedelta(seconds=seconds)) == minutes


def test_an_hour_at_a_flat_rate_costs_the_rate():
    assert charge(FLAT, local(10, 9), local(10, 10), VN) == 6000


def test_fractions_of_a_dong_are_rounded_up():
    bands = [(time(0, 0), 5000)]  # 83.33 VND a minute
    assert charge(bands, local(10, 9), local(10, 9, 1), VN) == 84
    assert charge(bands, local(10, 9), local(10, 9, 3), VN) == 250


def test_rate_changes_at_the_band_start():
    assert rate_at(DAY_NIGHT, local(10, 21, 59, 59), VN) == 5000
    assert rate_at(DAY_NIGHT, local(10, 22, 0), VN) == 8000


def test_before_the_first_band_yesterdays_last_rate_applies():
    assert rate_at(DAY_NIGHT, local(10, 3, 0), VN) == 8000


def test_a_minute_starting_at_21_59_is_priced_at_the_day_rate():
    start = local(10, 21, 59)
    # minute 21:59 at 5,000/h, minute 22:00 at 8,000/h: (5000 + 8000) / 60 = 216.67
    assert charge(DAY_NIGHT, start, start + timedelta(minutes=2), VN) == 217


def test_a_session_across_midnight_wraps_the_bands():
    assert charge(DAY_NIGHT, local(10, 21, 0), local(11, 9, 0), VN) == 5000 + 10 * 8000 + 5000


def test_a_48_hour_session_is_billed_band_by_band():
    assert charge(DAY_NIGHT, local(10, 8), local(12, 8), VN) == 2 * (14 * 5000 + 10 * 8000)


def test_paid_until_is_the_last_affordable_minute():
    start = local(10, 9)
    until = paid_until(FLAT, start, 1000, VN)
    assert until == start + timedelta(minutes=10)
    assert charge(FLAT, start, until, VN) <= 1000
    assert charge(FLAT, start, until + timedelta(minutes=1), VN) > 1000


def test_paid_until_crosses_band_changes():
    start = local(10, 21, 0)
    # 60 min at 5,000/h = 5,000; then 8,000/h: 4,000 more buys 30 minutes.
    assert paid_until(DAY_NIGHT, start, 9000, VN) == local(10, 22, 30)


def test_zero_balance_buys_nothing():
    assert paid_until(FLAT, local(10, 9), 0, VN) == local(10, 9)


def test_free_time_never_runs_out():
    with pytest.raises(ValueError, match="free"):
        paid_until([(time(0, 0), 0)], local(10, 9), 1000, VN)


def test_a_free_band_is_passed_through_for_free():
    bands = [(time(0, 0), 0), (time(10, 0), 6000)]
    assert paid_until(bands, local(10, 9), 100, VN) == local(10, 10, 1)


@pytest.mark.parametrize(
    "bands",
    [[], [(time(8), 1), (time(8), 2)], [(time(9), 1), (time(8), 2)], [(time(0), -1)]],
)
def test_malformed_price_lists_are_refused(bands):
    with pytest.raises(ValueError):
        rate_at(bands, local(10, 9), VN)


band_lists = st.lists(
    st.tuples(st.integers(0, 23), st.integers(0, 20000)),
    min_size=1,
    max_size=4,
    unique_by=lambda b: b[0],
).map(lambda raw: sorted((time(h), r) for h, r in raw))


@given(band_lists, st.integers(0, 3000), st.integers(0, 3000), st.integers(0, 24 * 60))
def test_charge_never_falls_as_time_goes_on(bands, a, b, offset):
    start = local(10, 0) + timedelta(minutes=offset)
    short, long = sorted((a, b))
    assert charge(bands, start, start + timedelta(minutes=short), VN) <= charge(
        bands, start, start + timedelta(minutes=long), VN
    )


@given(
    band_lists.filter(lambda bands: all(r > 0 for _t, r in bands)),
    st.integers(0, 500_000),
    st.integers(0, 24 * 60),
)
def test_paid_until_is_exact(bands, balance, offset):
    start = local(10, 0) + timedelta(minutes=offset)
    until = paid_until(bands, start, balance, VN)
    assert charge(bands, start, until, VN) <= balance
    assert charge(bands, start, until + timedelta(minutes=1), VN) > balance
