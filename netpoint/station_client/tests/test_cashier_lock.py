"""The grid's "Khóa máy" reaches the station: the real client, against a real point server,
locks its screen at its next poll whichever the cashier chose."""

import pytest

from netpoint.point.sessions import services as sessions

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def grid(client, cashier):
    client.force_login(cashier)
    return client


@pytest.fixture
def in_use(paired, cafe, make_customer):
    station_client, _ticks = paired
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    station_client.poll()
    assert not station_client.screen().locked
    return station_client


def test_the_station_locks_when_the_cashier_pauses_its_session(in_use, grid, cafe):
    grid.post(f"/stations/{cafe['m1'].pk}/lock/", {"choice": "pause"})
    state = in_use.poll()
    assert in_use.screen().locked
    assert state["lock_reason"] == "cashier_paused" and state["session"] is not None


def test_the_station_unlocks_when_the_cashier_resumes_its_session(in_use, grid, cafe):
    grid.post(f"/stations/{cafe['m1'].pk}/lock/", {"choice": "pause"})
    in_use.poll()
    grid.post(f"/stations/{cafe['m1'].pk}/resume/")
    in_use.poll()
    assert not in_use.screen().locked


def test_the_station_locks_when_the_cashier_ends_and_bills_its_session(in_use, grid, cafe):
    grid.post(f"/stations/{cafe['m1'].pk}/lock/", {"choice": "end"})
    state = in_use.poll()
    assert in_use.screen().locked
    assert state["session"] is None and state["lock_reason"] is None
