"""What stations are shown is kept in memory; it must never show them something stale for
longer than a moment, and never at all after a change made through the services."""

import time
from datetime import timedelta

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.point.stations import live, services
from netpoint.point.stations.models import Station

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(clock, cafe):
    _station, token = services.pair(services.new_pairing_code(cafe["m1"]))
    return token


def state(client, token):
    return client.get("/api/station/state", HTTP_AUTHORIZATION=f"Bearer {token}").json()


def test_a_poll_after_the_first_reads_no_database(client, token, django_assert_num_queries):
    state(client, token)
    with django_assert_num_queries(0):
        assert state(client, token)["state"] == "locked"


def test_a_check_in_shows_at_the_next_poll(client, token, cafe, make_customer):
    assert state(client, token)["state"] == "locked"
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert state(client, token)["state"] == "unlocked"


def test_a_top_up_gives_the_station_more_time_at_once(client, token, cafe, make_member, cashier):
    from netpoint.point.customers.services import top_up

    account = make_member(balance=600)
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    assert state(client, token)["session"]["seconds_left"] == 6 * 60
    top_up(account, 600, cashier)
    assert state(client, token)["session"]["seconds_left"] == 12 * 60


def test_time_left_counts_down_between_reads(client, token, cafe, make_member, clock):
    account = make_member(balance=600)
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    state(client, token)
    clock.advance(timedelta(minutes=2))
    assert state(client, token)["session"]["seconds_left"] == 4 * 60


def test_a_change_made_elsewhere_shows_once_what_is_kept_is_old(client, token, cafe, monkeypatch):
    state(client, token)
    Station.objects.filter(pk=cafe["m1"].pk).update(maintenance_unlocked=True)  # another process
    assert state(client, token)["state"] == "locked"
    monkeypatch.setattr(live, "FRESH_SECONDS", 0.0)
    assert state(client, token)["state"] == "unlocked"


def test_the_runner_reading_all_stations_picks_up_changes_made_elsewhere(
    client, token, cafe, clock
):
    state(client, token)
    Station.objects.filter(pk=cafe["m1"].pk).update(maintenance_unlocked=True)
    live.refresh_all(clock.now())
    assert state(client, token)["state"] == "unlocked"


def test_a_revoked_token_stops_working_once_what_is_kept_is_old(client, token, cafe, monkeypatch):
    state(client, token)
    Station.objects.filter(pk=cafe["m1"].pk).update(token_hash=None)
    monkeypatch.setattr(live, "FRESH_SECONDS", 0.0)
    response = client.get("/api/station/state", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_pairing_again_retires_the_old_token_at_once(client, token, cafe):
    state(client, token)
    services.pair(services.new_pairing_code(cafe["m1"]))
    response = client.get("/api/station/state", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_a_read_that_started_before_a_change_does_not_undo_it(cafe, clock):
    read_at = time.monotonic()
    stale = live._read(clock.now(), [cafe["m1"]])
    live.forget(cafe["m1"].pk)  # a change lands while the runner is still reading
    live._install(stale, read_at)
    assert cafe["m1"].pk not in live._seen


def test_saving_the_point_profile_refreshes_every_station(client, token, cafe):
    assert state(client, token)["point"]["name"] == "Quán Net Thử Nghiệm"
    cafe["profile"].name = "Quán Mới"
    cafe["profile"].save()
    assert state(client, token)["point"]["name"] == "Quán Mới"
