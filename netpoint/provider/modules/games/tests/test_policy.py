from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from netpoint.provider.modules.games import policy

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
RULES = policy.Rules(
    adult_age=18,
    guardian_age=16,
    game_seconds=3600,
    day_seconds=10800,
    warning_every_seconds=1800,
    reward_full_seconds=10800,
    reward_half_seconds=18000,
    lease_seconds=120,
)
NOON = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)  # 12:00 in Vietnam


def test_the_day_runs_from_midnight_to_midnight_vietnam_time():
    late = datetime(2026, 3, 10, 16, 59, tzinfo=UTC)  # 23:59 on the 10th in Vietnam
    assert policy.local_day(late, TZ).day == 10
    assert policy.local_day(late + timedelta(minutes=1), TZ).day == 11
    assert policy.next_midnight(late, TZ) == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


def test_a_fresh_minor_gets_a_full_lease():
    granted = policy.grant(NOON, None, 0, 0, True, RULES, TZ)
    assert granted.lease_until == NOON + timedelta(seconds=120)
    assert granted.charged_seconds == 120 and not granted.ends


def test_the_lease_stops_at_the_games_limit_and_then_play_ends():
    granted = policy.grant(NOON, None, 3600 - 50, 3600 - 50, True, RULES, TZ)
    assert granted.charged_seconds == 50 and not granted.ends
    after = policy.grant(granted.lease_until, granted.lease_until, 3600, 3600, True, RULES, TZ)
    assert after.ends and after.reason == "game_limit" and after.charged_seconds == 0


def test_the_days_limit_across_games_ends_play_in_any_game():
    granted = policy.grant(NOON, None, 0, 10800, True, RULES, TZ)
    assert granted.ends and granted.reason == "day_limit"


def test_adults_have_no_limit():
    granted = policy.grant(NOON, None, 50_000, 50_000, False, RULES, TZ)
    assert granted.charged_seconds == 120 and not granted.ends


def test_time_already_covered_by_another_session_is_not_charged_again():
    covered = NOON + timedelta(seconds=100)
    granted = policy.grant(NOON, covered, 100, 100, True, RULES, TZ)
    assert granted.lease_until == NOON + timedelta(seconds=120)
    assert granted.charged_seconds == 20


def test_a_lease_never_crosses_midnight():
    late = datetime(2026, 3, 10, 16, 59, 30, tzinfo=UTC)
    granted = policy.grant(late, None, 0, 0, False, RULES, TZ)
    assert granted.lease_until == datetime(2026, 3, 10, 17, 0, tzinfo=UTC)
    assert granted.charged_seconds == 30


def test_a_stop_gives_back_only_what_no_other_session_holds():
    covered = NOON + timedelta(seconds=120)
    assert policy.refund(NOON, covered, None) == 120
    assert policy.refund(NOON, covered, NOON + timedelta(seconds=100)) == 20
    assert policy.refund(NOON, covered, covered) == 0


def test_played_time_leaves_out_the_lease_still_to_come():
    assert policy.played_seconds(600, NOON + timedelta(seconds=90), NOON) == 510
    assert policy.played_seconds(600, NOON - timedelta(seconds=90), NOON) == 600


def test_a_warning_every_thirty_minutes():
    assert [policy.warnings_due(s, RULES) for s in (0, 1799, 1800, 3599, 3600)] == [0, 0, 1, 1, 2]


def test_the_2006_reward_rule():
    assert [policy.reward_percent(m * 60, RULES) for m in (0, 179, 180, 299, 300, 600)] == [
        100,
        100,
        50,
        50,
        0,
        0,
    ]


def test_minutes_left_for_minors_only():
    assert policy.seconds_left(600, 10000, True, RULES) == (800, 800)
    assert policy.seconds_left(600, 600, True, RULES) == (3000, 10200)
    assert policy.seconds_left(600, 600, False, RULES) == (None, None)
