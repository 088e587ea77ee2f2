"""A cashier's pause: the played stretches, what they cost, when money and a minor's day run out."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.policies.hours import OpeningHours
from netpoint.common.policies.playtime import played
from netpoint.common.policies.pricing import charge, charge_played, paid_until, paid_until_played
from netpoint.common.policies.session import Limits, SessionFacts, session_ending, warnings_due

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FLAT = [(time(0, 0), 6000)]  # 100 VND a minute
DAY_NIGHT = [(time(8, 0), 5000), (time(22, 0), 8000)]
GAME = OpeningHours(time(8, 0), time(22, 0))
LIMITS = Limits()
MINOR = date(2010, 1, 1)
ADULT = date(1990, 1, 1)


def local(day, hour, minute=0, second=0):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN).astimezone(UTC)


def test_a_session_without_pauses_is_played_from_its_start():
    assert played(local(10, 9), None, ()) == ((local(10, 9), None),)


def test_a_closed_pause_splits_the_played_time_in_two():
    stretches = played(local(10, 9), local(10, 12), [(local(10, 10), local(10, 11))])
    assert stretches == ((local(10, 9), local(10, 10)), (local(10, 11), local(10, 12)))


def test_an_open_pause_ends_the_played_time_at_its_start():
    assert played(local(10, 9), None, [(local(10, 10), None)]) == ((local(10, 9), local(10, 10)),)


def test_a_session_paused_at_its_start_has_played_nothing():
    assert played(local(10, 9), None, [(local(10, 9), None)]) == ()


def test_a_pause_reaching_past_the_end_is_cut_at_the_end():
    stretches = played(local(10, 9), local(10, 10), [(local(10, 9, 30), local(10, 11))])
    assert stretches == ((local(10, 9), local(10, 9, 30)),)


def test_the_paused_hour_is_not_charged():
    stretches = played(local(10, 9), local(10, 12), [(local(10, 10), local(10, 11))])
    assert charge_played(FLAT, stretches, VN) == 12000


def test_pausing_mid_minute_costs_no_extra_minute():
    # 30 s before the pause and 30 s after it: one started minute of play, not two.
    pauses = [(local(10, 9, 0, 30), local(10, 10))]
    stretches = played(local(10, 9), local(10, 10, 0, 30), pauses)
    assert charge_played(FLAT, stretches, VN) == 100


def test_a_minute_played_after_a_pause_is_priced_at_the_rate_of_its_moment():
    # An hour of day rate, paused over the change to the night rate, then an hour at night.
    pauses = [(local(10, 21), local(10, 23))]
    stretches = played(local(10, 20), local(11, 0), pauses)
    assert charge_played(DAY_NIGHT, stretches, VN) == 5000 + 8000


@given(st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=36000))
def test_a_single_stretch_costs_what_the_plain_charge_says(start_minutes, seconds):
    start = local(10, 0) + timedelta(minutes=start_minutes)
    end = start + timedelta(seconds=seconds)
    assert charge_played(DAY_NIGHT, ((start, end),), VN) == charge(DAY_NIGHT, start, end, VN)


def test_money_lasts_as_long_after_a_pause_as_it_would_have_without_it():
    # 10.000 đ at 100 đ a minute: 100 minutes; 40 played, an hour's pause, 60 more.
    before = ((local(10, 9), local(10, 9, 40)),)
    assert paid_until_played(FLAT, before, local(10, 10, 40), 10000, VN) == local(10, 11, 40)


def test_the_minute_begun_before_the_pause_is_not_paid_twice():
    before = ((local(10, 9), local(10, 9, 0, 30)),)  # the first minute, begun and paid
    until = paid_until_played(FLAT, before, local(10, 10), 100, VN)
    assert until == local(10, 10, 0, 30)


def test_without_pauses_money_runs_out_as_before():
    assert paid_until_played(FLAT, (), local(10, 9), 1000, VN) == paid_until(
        FLAT, local(10, 9), 1000, VN
    )


def facts(started, pauses=(), dob=ADULT, others=(), paid_until=None, hours=GAME):
    return SessionFacts(started, dob, tuple(others), hours, paid_until, tuple(pauses))


def test_a_paused_session_does_not_end_when_its_money_would_have_run_out():
    paused = facts(local(10, 9), [(local(10, 9, 30), None)], paid_until=local(10, 10))
    ending = session_ending(paused, LIMITS, local(10, 10, 30), VN)
    assert (ending.at, ending.reason) == (local(10, 22), "closing")


def test_a_paused_session_whose_money_ran_out_before_the_pause_ends_then():
    paused = facts(local(10, 9), [(local(10, 9, 30), None)], paid_until=local(10, 9, 20))
    ending = session_ending(paused, LIMITS, local(10, 9, 30), VN)
    assert (ending.at, ending.reason) == (local(10, 9, 20), "balance")


def test_a_paused_session_still_ends_at_closing_time():
    paused = facts(local(10, 20), [(local(10, 21), None)])
    ending = session_ending(paused, LIMITS, local(10, 22, 1), VN)
    assert (ending.at, ending.reason) == (local(10, 22), "closing")


def test_a_paused_minor_does_not_reach_the_daily_limit():
    paused = facts(local(10, 9), [(local(10, 11), None)], dob=MINOR)
    ending = session_ending(paused, LIMITS, local(10, 13), VN)
    assert ending.reason == "closing"


def test_a_minors_limit_comes_later_by_the_time_paused():
    resumed = facts(local(10, 9), [(local(10, 10), local(10, 11))], dob=MINOR)
    ending = session_ending(resumed, LIMITS, local(10, 11), VN)
    assert (ending.at, ending.reason) == (local(10, 13), "minor_limit")


def test_a_paused_minor_is_shown_no_play_time_warnings():
    paused = facts(local(10, 9), [(local(10, 11, 50), None)], dob=MINOR, hours=None)
    assert warnings_due(paused, LIMITS, local(10, 12, 0), VN) == []


def test_a_paused_session_is_shown_no_low_balance_warning():
    paused = facts(local(10, 9), [(local(10, 9, 50), None)], paid_until=local(10, 9, 58))
    codes = [w.code for w in warnings_due(paused, LIMITS, local(10, 9, 55), VN)]
    assert "low_balance" not in codes
