"""The station client against a real point server: pairing, restart, network loss."""

import json
import socket
import stat

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.station_client import command
from netpoint.station_client.client import Refused, StationClient

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def test_pairing_keeps_the_token_in_a_file_only_its_owner_reads(paired, tmp_path):
    client, _ticks = paired
    saved = json.loads((tmp_path / "station.json").read_text())
    assert saved["station"] == "M01" and saved["token"] == client.settings["token"]
    assert stat.S_IMODE((tmp_path / "station.json").stat().st_mode) == 0o600


def test_a_wrong_pairing_code_is_refused_in_vietnamese(server, tmp_path):
    client = StationClient(tmp_path / "station.json", server)
    with pytest.raises(Refused) as refused:
        client.pair("ABCD-EFGH")
    assert refused.value.status == 400 and "hết hạn" in str(refused.value)
    assert not (tmp_path / "station.json").exists()


def test_a_check_in_unlocks_and_time_counts_down(paired, cafe, make_member):
    client, ticks = paired
    client.poll()
    assert client.screen().locked
    account = make_member(balance=600)  # six minutes
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    client.poll()
    assert not client.screen().locked
    left = client.screen().seconds_left
    assert 355 <= left <= 360
    ticks.now += 60
    assert client.screen().seconds_left == left - 60


def test_without_the_server_the_station_counts_down_and_locks_when_time_is_up(
    paired, cafe, make_member
):
    client, ticks = paired
    account = make_member(balance=200)  # two minutes
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    client.poll()
    client.settings["server"] = closed_port()  # the network is gone
    ticks.now += 60
    assert client.poll() is None and not client.screen().locked
    ticks.now += 61
    assert client.screen().locked and client.screen().reason == "time_up"


def test_without_the_server_for_too_long_the_station_fails_closed(paired, cafe, make_customer):
    client, ticks = paired
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    client.poll()
    assert not client.screen().locked  # a walk-in pays afterwards: no set end
    client.settings["server"] = closed_port()
    ticks.now += 299
    assert client.poll() is None and not client.screen().locked
    ticks.now += 2
    assert client.screen().reason == "offline"


def test_a_restarted_client_resumes_the_running_session(paired, cafe, make_member, tmp_path):
    client, _ticks = paired
    account = make_member(balance=600)
    sessions.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    restarted = StationClient(tmp_path / "station.json")  # a new process, the same PC
    assert restarted.screen().locked  # nothing known until the server answers
    restarted.poll()
    assert not restarted.screen().locked and restarted.screen().seconds_left > 300


def test_member_login_and_logout(paired, make_member):
    client, _ticks = paired
    make_member(balance=6000, username="an.nguyen")
    with pytest.raises(Refused) as refused:
        client.login("an.nguyen", "sai")
    assert refused.value.status == 403
    client.login("an.nguyen", "mat-khau-hoi-vien")
    assert not client.screen().locked
    client.logout()
    assert client.screen().locked


def test_headless_once_prints_the_screen(paired, tmp_path, capsys):
    assert command.main(["--headless", "--config", str(tmp_path / "station.json"), "--once"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"reachable": True, "locked": True, "reason": "server", "seconds_left": None}


def test_headless_needs_a_server_and_a_pairing(tmp_path, capsys):
    with pytest.raises(SystemExit):
        command.main(["--headless", "--config", str(tmp_path / "none.json")])
    assert "--server" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        command.main(["--headless", "--config", str(tmp_path / "n.json"), "--server", "http://x"])
    assert "not paired" in capsys.readouterr().err


def test_a_killed_client_turns_its_station_silent_on_the_grid(clock, paired, cafe, make_customer):
    from datetime import timedelta

    from netpoint.point.stations import services as stations

    client, _ticks = paired
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    client.heartbeat()
    assert {r["station"].name: r["status"] for r in stations.grid()}["M01"] == "in_use"
    clock.advance(timedelta(seconds=21))  # the client process is gone: no more heartbeats
    assert {r["station"].name: r["status"] for r in stations.grid()}["M01"] == "silent"
