"""The real station client against a real point server: an agent that stops talking while its
station is free raises "máy trống mất kết nối" on the grid within 10 s; one that says goodbye
does not."""

from datetime import timedelta

import pytest
from django.urls import reverse

from netpoint.point.stations import services as stations

pytestmark = pytest.mark.django_db(transaction=True)
ALARM = "Máy trống mất kết nối"


@pytest.fixture(autouse=True)
def nothing_heard_before():
    stations._spoke.clear()
    stations._goodbyes.clear()
    yield
    stations._spoke.clear()
    stations._goodbyes.clear()


def seconds_until_the_alarm(clock, client, cashier, listening_since, limit=15):
    """Each second as the policy runner spends it, then the grid as the cashier's page fetches
    it: the second the alarm first shows, or None."""
    client.force_login(cashier)
    for second in range(1, limit + 1):
        clock.advance(timedelta(seconds=1))
        stations.record_heartbeats()
        stations.watch_silences(clock.now(), listening_since)
        if ALARM in client.get(reverse("station-grid-fragment")).content.decode():
            return second
    return None


def test_a_killed_client_of_a_free_station_raises_the_alarm_within_ten_seconds(
    clock, paired, client, cashier
):
    agent, _ticks = paired
    listening_since = clock.now()
    agent.heartbeat()
    agent.poll()
    # The agent is killed here: nothing more from it.
    shown = seconds_until_the_alarm(clock, client, cashier, listening_since)
    assert shown is not None and shown + stations.GRID_REFRESH_SECONDS <= 10
    assert agent.poll()["state"] == "locked"  # the point opens nothing for it


def test_a_client_that_says_goodbye_raises_no_alarm(clock, paired, client, cashier):
    agent, _ticks = paired
    listening_since = clock.now()
    agent.heartbeat()
    assert agent.goodbye()
    assert seconds_until_the_alarm(clock, client, cashier, listening_since) is None


def test_the_shutdown_goodbye_as_root_raises_no_alarm(clock, paired, client, cashier, capsys):
    from netpoint.station_client import command

    agent, _ticks = paired
    listening_since = clock.now()
    agent.heartbeat()
    if command.os.geteuid() != 0:
        pytest.skip("the shutdown goodbye is root's")
    assert command.main(["--goodbye", "--config", str(agent.config_path)]) == 0
    assert "Đã báo máy chủ của điểm" in capsys.readouterr().out
    assert seconds_until_the_alarm(clock, client, cashier, listening_since) is None


def test_the_customers_account_cannot_say_the_shutdown_goodbye(
    clock, paired, client, cashier, capsys, monkeypatch
):
    from netpoint.station_client import command

    agent, _ticks = paired
    listening_since = clock.now()
    agent.heartbeat()
    monkeypatch.setattr(command.os, "geteuid", lambda: 1000)
    assert command.main(["--goodbye", "--config", str(agent.config_path)]) == 1
    assert "chỉ hệ thống (root)" in capsys.readouterr().err
    assert seconds_until_the_alarm(clock, client, cashier, listening_since) is not None
