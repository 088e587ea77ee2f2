from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from netpoint.common.policies.hours import OpeningHours
from netpoint.common.policies.session import (
    Limits,
    SessionFacts,
    check_in_refusals,
    session_ending,
    warnings_due,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
GAME = OpeningHours(time(8, 0), time(22, 0))
LIMITS = Limits()
MINOR = date(2010, 1, 1)
ADULT = date(1990, 1, 1)


def local(day, hour, minute=0, second=0):
    return datetime(2026, 3, day, hour, minute, second, tzinfo=VN).astimezone(UTC)


def facts(started, dob=ADULT, others=(), hours=GAME, paid_until=None):
    return SessionFacts(started, dob, tuple(others), hours, paid_until)


def test_an_adult_walk_in_ends_at_closing_time():
    ending = session_ending(facts(local(10, 20)), LIMITS, local(10, 20, 30), VN)
    assert (ending.at, ending.reason) == (local(10, 22), "closing")


def test_nothing_limits_an_adult_walk_in_at_an_all_night_agency():
    assert session_ending(facts(local(10, 20), hours=None), LIMITS, local(10, 21), VN) is None


def test_a_minor_ends_at_180_minutes():
    ending = session_ending(facts(local(10, 9), dob=MINOR), LIMITS, local(10, 9, 5), VN)
    assert (ending.at, ending.reason) == (local(10, 12), "minor_limit")


def test_earlier_play_today_brings_the_minor_limit_forward():
    earlier = [(local(10, 8), local(10, 10))]
    ending = session_ending(facts(local(10, 11), MINOR, earlier), LIMITS, local(10, 11), VN)
    assert ending.at == local(10, 12)


def test_the_ending_is_computed_from_the_start_even_if_noticed_late():
    ending = session_ending(facts(local(10, 9), dob=MINOR), LIMITS, local(10, 15), VN)
    assert ending.at == local(10, 12)
    closing = session_ending(facts(local(10, 21)), LIMITS, local(11, 1), VN)
    assert closing.at == local(10, 22)


def test_a_spent_balance_ends_the_session_first_when_it_comes_first():
    ending = session_ending(
        facts(local(10, 9), dob=MINOR, paid_until=local(10, 10)), LIMITS, local(10, 9), VN
    )
    assert (ending.at, ending.reason) == (local(10, 10), "balance")


def test_ties_prefer_closing_then_minor_limit_then_balance():
    tie = local(10, 22)
    ending = session_ending(facts(local(10, 19), MINOR, paid_until=tie), LIMITS, local(10, 19), VN)
    assert ending.reason == "closing"
    ending = session_ending(
        facts(local(10, 9), MINOR, hours=None, paid_until=local(10, 12)), LIMITS, local(10, 9), VN
    )
    assert ending.reason == "minor_limit"


def test_a_minor_turning_18_at_midnight_is_not_limited_the_next_day():
    dob = date(2008, 3, 11)  # 18 on 11 March
    ending = session_ending(
        facts(local(10, 23, 30), dob, hours=None), LIMITS, local(10, 23, 30), VN
    )
    assert ending is None


def test_check_in_at_21_59_is_allowed_and_at_22_00_refused_until_08_00():
    assert check_in_refusals(ADULT, (), GAME, True, LIMITS, local(10, 21, 59), VN) == []
    [refusal] = check_in_refusals(ADULT, (), GAME, True, LIMITS, local(10, 22), VN)
    assert (refusal.code, refusal.until) == ("closed", local(11, 8))


def test_check_in_of_a_minor_at_179_and_180_minutes():
    at_179 = [(local(10, 8), local(10, 10, 59))]
    at_180 = [(local(10, 8), local(10, 11))]
    assert check_in_refusals(MINOR, tuple(at_179), GAME, True, LIMITS, local(10, 12), VN) == []
    [refusal] = check_in_refusals(MINOR, tuple(at_180), GAME, True, LIMITS, local(10, 12), VN)
    assert (refusal.code, refusal.until) == ("minor_limit", local(11, 0))


def test_yesterdays_play_does_not_refuse_a_minor_after_midnight():
    yesterday = ((local(9, 19), local(9, 22)),)
    assert check_in_refusals(MINOR, yesterday, None, True, LIMITS, local(10, 0, 0), VN) == []


def test_every_reason_is_given_at_once():
    played = ((local(10, 8), local(10, 11)),)
    refusals = check_in_refusals(MINOR, played, GAME, False, LIMITS, local(10, 22, 30), VN)
    assert [r.code for r in refusals] == ["closed", "minor_limit", "no_balance"]


def codes(warnings):
    return {w.code: w for w in warnings}


def test_health_warning_every_30_minutes_for_a_minor():
    session = facts(local(10, 9), dob=MINOR)
    assert "health" not in codes(warnings_due(session, LIMITS, local(10, 9, 29, 59), VN))
    first = codes(warnings_due(session, LIMITS, local(10, 9, 30), VN))["health"]
    second = codes(warnings_due(session, LIMITS, local(10, 10, 0), VN))["health"]
    assert first.key == "health:2026-03-10:1" and second.key == "health:2026-03-10:2"


def test_adults_get_no_health_warning():
    assert "health" not in codes(warnings_due(facts(local(10, 9)), LIMITS, local(10, 11), VN))


def test_closing_warnings_at_15_5_and_1_minutes():
    session = facts(local(10, 20))
    assert "closing" not in codes(warnings_due(session, LIMITS, local(10, 21, 44, 59), VN))
    for moment, key in [
        (local(10, 21, 45), "closing:900"),
        (local(10, 21, 55), "closing:300"),
        (local(10, 21, 59), "closing:60"),
    ]:
        warning = codes(warnings_due(session, LIMITS, moment, VN))["closing"]
        assert warning.key == key
        assert warning.seconds_left == int((local(10, 22) - moment).total_seconds())


def test_low_balance_warning_in_the_last_5_minutes():
    session = facts(local(10, 9), paid_until=local(10, 10))
    assert "low_balance" not in codes(warnings_due(session, LIMITS, local(10, 9, 54, 59), VN))
    warning = codes(warnings_due(session, LIMITS, local(10, 9, 55), VN))["low_balance"]
    assert warning.seconds_left == 300


def test_a_minor_is_warned_before_the_daily_limit():
    session = facts(local(10, 9), dob=MINOR)
    warning = codes(warnings_due(session, LIMITS, local(10, 11, 56), VN))["minor_limit_soon"]
    assert warning.seconds_left == 240


def test_limits_are_parameters():
    strict = Limits(minor_daily_seconds=60 * 60, warning_every_seconds=10 * 60)
    ending = session_ending(facts(local(10, 9), dob=MINOR), strict, local(10, 9), VN)
    assert ending.at == local(10, 10)
    assert codes(warnings_due(facts(local(10, 9), dob=MINOR), strict, local(10, 9, 20), VN))[
        "health"
    ].key.endswith(":2")
    assert local(10, 9) + timedelta(hours=1) == ending.at


def test_120_minutes_at_another_point_leave_a_minor_60_here():
    here = SessionFacts(local(10, 14), MINOR, (), GAME, None, elsewhere_seconds=120 * 60)
    ending = session_ending(here, LIMITS, local(10, 14), VN)
    assert (ending.at, ending.reason) == (local(10, 15), "minor_limit")


def test_minutes_elsewhere_and_here_add_up_to_the_daily_limit():
    earlier_here = [(local(10, 8), local(10, 9))]
    here = SessionFacts(
        local(10, 14), MINOR, tuple(earlier_here), GAME, None, elsewhere_seconds=90 * 60
    )
    assert session_ending(here, LIMITS, local(10, 14), VN).at == local(10, 14, 30)


def test_a_minor_who_used_180_minutes_elsewhere_is_refused_at_check_in():
    [refusal] = check_in_refusals(
        MINOR, (), GAME, True, LIMITS, local(10, 14), VN, elsewhere_seconds=180 * 60
    )
    assert (refusal.code, refusal.until) == ("minor_limit", local(11, 0))


def test_minutes_elsewhere_do_not_limit_an_adult():
    here = SessionFacts(local(10, 14), ADULT, (), GAME, None, elsewhere_seconds=180 * 60)
    assert session_ending(here, LIMITS, local(10, 14), VN).reason == "closing"


def test_a_minor_is_warned_before_the_limit_that_minutes_elsewhere_bring_forward():
    here = SessionFacts(local(10, 14), MINOR, (), GAME, None, elsewhere_seconds=120 * 60)
    due = {w.code: w.seconds_left for w in warnings_due(here, LIMITS, local(10, 14, 57), VN)}
    assert due["minor_limit_soon"] == 180
