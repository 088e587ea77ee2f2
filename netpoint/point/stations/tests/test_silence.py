"""The pure rule of a free station gone silent."""

from datetime import UTC, datetime, timedelta

from netpoint.point.stations.silence import Hearing, Silence, silent_free

NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
AFTER = timedelta(seconds=6)
LONG_AGO = NOW - timedelta(hours=1)


def judge(*hearings, listening_since=LONG_AGO, point_open=True):
    return silent_free(
        hearings, NOW, after=AFTER, listening_since=listening_since, point_open=point_open
    )


def free(last_word, goodbye_at=None, in_session=False, maintenance=False):
    return Hearing(1, last_word, goodbye_at, in_session, maintenance)


def test_a_free_station_quiet_longer_than_the_limit_is_silent():
    last = NOW - timedelta(seconds=7)
    assert judge(free(last)) == [Silence(1, last)]


def test_a_free_station_heard_within_the_limit_is_not_silent():
    assert judge(free(NOW - timedelta(seconds=6))) == []


def test_a_station_that_said_goodbye_is_switched_off_not_silent():
    last = NOW - timedelta(minutes=1)
    assert judge(free(last, goodbye_at=last + timedelta(seconds=1))) == []


def test_a_station_heard_again_after_its_goodbye_is_watched_again():
    last = NOW - timedelta(minutes=1)
    assert judge(free(last, goodbye_at=last - timedelta(minutes=5))) == [Silence(1, last)]


def test_a_station_never_heard_is_not_silent():
    assert judge(free(None)) == []


def test_a_station_in_a_session_is_left_to_the_in_use_alarm():
    assert judge(free(NOW - timedelta(minutes=1), in_session=True)) == []


def test_a_station_unlocked_for_maintenance_is_not_watched():
    assert judge(free(NOW - timedelta(minutes=1), maintenance=True)) == []


def test_nothing_is_silent_while_the_point_is_closed():
    assert judge(free(NOW - timedelta(minutes=1)), point_open=False) == []


def test_a_server_just_started_counts_silence_from_its_own_start():
    last = NOW - timedelta(minutes=5)
    assert judge(free(last), listening_since=NOW - timedelta(seconds=5)) == []
    assert judge(free(last), listening_since=NOW - timedelta(seconds=7)) == [Silence(1, last)]
