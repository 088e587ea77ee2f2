import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.station_client.lockstate import LastWord, screen


def test_a_station_that_never_heard_from_the_server_is_locked():
    assert screen(None, 100.0, 300) == screen(None, 0.0, None)
    assert screen(None, 0.0, None).locked


def test_the_server_saying_locked_locks():
    assert screen(LastWord("locked", None, 10.0), 11.0, 300).reason == "server"


def test_time_left_counts_down_from_the_last_answer():
    shown = screen(LastWord("unlocked", 600, 10.0), 70.0, 300)
    assert (shown.locked, shown.seconds_left) == (False, 540)


@pytest.mark.parametrize(("elapsed", "locked"), [(599.0, False), (600.0, True), (900.0, True)])
def test_the_station_locks_when_its_time_runs_out_even_offline(elapsed, locked):
    shown = screen(LastWord("unlocked", 600, 0.0), elapsed, None)
    assert shown.locked is locked
    if locked:
        assert shown.reason == "time_up"


@pytest.mark.parametrize(("silent", "locked"), [(299.0, False), (300.0, False), (300.5, True)])
def test_fail_closed_after_the_set_silence(silent, locked):
    shown = screen(LastWord("unlocked", None, 0.0), silent, 300)
    assert shown.locked is locked
    if locked:
        assert shown.reason == "offline"


def test_fail_open_keeps_an_unlimited_session_open_while_offline():
    assert not screen(LastWord("unlocked", None, 0.0), 10_000.0, None).locked


@given(
    st.integers(1, 10_000),
    st.floats(0, 20_000, allow_nan=False),
    st.one_of(st.none(), st.floats(1, 3_600, allow_nan=False)),
)
def test_an_unlocked_screen_never_shows_more_time_than_the_server_gave(left, silent, after):
    shown = screen(LastWord("unlocked", left, 0.0), silent, after)
    if not shown.locked:
        assert 0 < shown.seconds_left <= left
        assert after is None or silent <= after
