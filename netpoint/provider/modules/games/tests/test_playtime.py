from datetime import date, datetime, timedelta

import pytest

from netpoint.provider.modules.games import playtime, services
from netpoint.provider.modules.games.models import ApiToken, PlayDay, PlaySession

pytestmark = pytest.mark.django_db


def seconds_today(account) -> int:
    return sum(PlayDay.objects.filter(account=account).values_list("seconds", flat=True))


def test_a_start_grants_a_lease_and_says_what_is_left(clock, server_token, minor):
    token, _secret = server_token
    answer = playtime.start(token, "s1", minor.ref, 0)
    assert answer["play"] and answer["lease_seconds"] == 120
    assert answer["minutes_left_game"] == 60 and answer["minutes_left_today"] == 180
    assert answer["reward_percent"] == 100 and not answer["warning"]


def test_a_minor_is_stopped_after_sixty_minutes_of_one_game(clock, server_token, minor):
    token, _secret = server_token
    playtime.start(token, "s1", minor.ref, 0)
    seq, answer = 0, {}
    for seq in range(1, 100):
        clock.advance(timedelta(seconds=60))
        (answer,) = playtime.heartbeats(token, [("s1", seq)])
        if not answer["play"]:
            break
    assert answer["end_reason"] == "game_limit"
    assert seconds_today(minor) == 3600
    (again,) = playtime.heartbeats(token, [("s1", seq + 1)])
    assert not again["play"] and seconds_today(minor) == 3600


def test_a_warning_comes_every_thirty_minutes(clock, server_token, adult):
    token, _secret = server_token
    playtime.start(token, "s1", adult.ref, 0)
    warned = []
    for seq in range(1, 62):
        clock.advance(timedelta(seconds=60))
        (answer,) = playtime.heartbeats(token, [("s1", seq)])
        if answer["warning"]:
            warned.append(answer["minutes_played_today"])
    assert warned == [30, 60]


def test_the_daily_limit_holds_across_games(clock, make_game, minor):
    tokens = []
    for n in range(4):
        game = make_game(f"game-{n}", name_vi=f"Trò {n}")
        tokens.append(services.issue_token(ApiToken.Kind.GAME_SERVER, f"máy {n}", game)[0])
    for token in tokens:
        playtime.start(token, "s", minor.ref, 0)
    ended = set()
    for seq in range(1, 200):
        clock.advance(timedelta(seconds=60))
        for n, token in enumerate(tokens):
            (answer,) = playtime.heartbeats(token, [("s", seq)])
            if not answer["play"]:
                ended.add((n, answer["end_reason"]))
    assert {reason for _n, reason in ended} == {"day_limit"}
    assert seconds_today(minor) == 3 * 3600


def test_a_retried_heartbeat_gets_the_same_answer_and_charges_nothing(clock, server_token, minor):
    token, _secret = server_token
    playtime.start(token, "s1", minor.ref, 0)
    clock.advance(timedelta(seconds=60))
    (first,) = playtime.heartbeats(token, [("s1", 1)])
    charged = seconds_today(minor)
    clock.advance(timedelta(seconds=30))
    (again,) = playtime.heartbeats(token, [("s1", 1)])
    assert again == first and seconds_today(minor) == charged


def test_a_restarted_server_with_a_new_session_does_not_count_the_lease_twice(
    clock, server_token, minor
):
    token, _secret = server_token
    playtime.start(token, "before", minor.ref, 0)
    clock.advance(timedelta(seconds=30))
    playtime.start(token, "after", minor.ref, 0)
    # The first lease covered to 120 s; the second adds only 30 s past it.
    assert seconds_today(minor) == 150


def test_a_stop_gives_back_the_rest_of_the_lease(clock, server_token, minor):
    token, _secret = server_token
    playtime.start(token, "s1", minor.ref, 0)
    clock.advance(timedelta(seconds=45))
    answer = playtime.stop(token, "s1", 1)
    assert not answer["play"] and answer["end_reason"] == "stopped"
    assert seconds_today(minor) == 45
    assert playtime.stop(token, "s1", 2) == answer


def test_a_stop_with_an_old_number_still_stops(clock, server_token, minor):
    token, _secret = server_token
    playtime.start(token, "s1", minor.ref, 0)
    clock.advance(timedelta(seconds=30))
    playtime.heartbeats(token, [("s1", 1)])
    clock.advance(timedelta(seconds=10))
    assert playtime.stop(token, "s1", 1)["end_reason"] == "stopped"
    assert seconds_today(minor) == 40


def test_a_minor_cannot_start_an_eighteen_plus_game(clock, make_game, minor):
    game = make_game("chien-truong", rating="18+")
    token, _secret = services.issue_token(ApiToken.Kind.GAME_SERVER, "máy", game)
    answer = playtime.start(token, "s1", minor.ref, 0)
    assert not answer["play"] and answer["end_reason"] == "age_rating"
    assert seconds_today(minor) == 0
    assert PlaySession.objects.get(ref="s1").end_reason == "age_rating"


def test_a_fifteen_year_old_cannot_start_a_sixteen_plus_game_a_sixteen_year_old_can(
    clock, make_game, minor, make_account
):
    game = make_game("dua-xe", rating="16+")
    token, _secret = services.issue_token(ApiToken.Kind.GAME_SERVER, "máy", game)
    sixteen = make_account("minor-16", born=date(2010, 3, 10), seed=5)  # 16 on 10 March 2026
    assert playtime.start(token, "s1", minor.ref, 0)["end_reason"] == "age_rating"
    assert playtime.start(token, "s2", sixteen.ref, 0)["play"]


def test_a_new_day_in_vietnam_starts_from_zero(clock, server_token, minor):
    token, _secret = server_token
    clock.set(datetime.fromisoformat("2026-03-10T15:30:00+00:00"))  # 22:30 in Vietnam
    playtime.start(token, "s1", minor.ref, 0)
    for seq in range(1, 200):
        clock.advance(timedelta(seconds=60))
        (answer,) = playtime.heartbeats(token, [("s1", seq)])
        if not answer["play"]:
            break
    days = dict(PlayDay.objects.values_list("day", "seconds"))
    # 60 minutes is reached on the 10th after 60 minutes of play, before midnight.
    assert days == {date(2026, 3, 10): 3600}
    assert not playtime.start(token, "s2", minor.ref, 0)["play"]
    clock.set(datetime.fromisoformat("2026-03-10T17:00:30+00:00"))  # 00:00:30 on the 11th
    assert playtime.start(token, "s3", minor.ref, 0)["play"]
    clock.advance(timedelta(seconds=60))
    (answer,) = playtime.heartbeats(token, [("s3", 1)])
    assert answer["play"] and answer["minutes_left_game"] == 59


def test_heartbeats_for_an_unknown_session_are_answered_each(clock, server_token, minor):
    token, _secret = server_token
    playtime.start(token, "s1", minor.ref, 0)
    answers = playtime.heartbeats(token, [("s1", 1), ("nope", 1), ("s1", 2)])
    assert answers[0]["play"] and "error" in answers[1] and answers[2]["seq"] == 2


def test_a_session_ends_when_its_account_is_closed(clock, server_token, adult):
    token, _secret = server_token
    playtime.start(token, "s1", adult.ref, 0)
    services.close_account(adult.ref)
    clock.advance(timedelta(seconds=60))
    (answer,) = playtime.heartbeats(token, [("s1", 1)])
    assert not answer["play"] and answer["end_reason"] == "account_closed"
    assert not playtime.start(token, "s2", adult.ref, 0)["play"]
