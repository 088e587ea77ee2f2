import asyncio
import json
import socket
from urllib.parse import urlsplit

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services as stations
from netpoint.station_client import sim

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server(server):
    url = urlsplit(server)
    return url.hostname, url.port, server


@pytest.fixture
def tokens(cafe, make_customer):
    paired = [stations.pair(stations.new_pairing_code(cafe[name]))[1] for name in ("m1", "m2")]
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    return paired


def test_simulated_stations_poll_and_see_their_state(server, tokens):
    host, port, _url = server
    results = asyncio.run(sim.simulate(host, port, tokens, seconds=3))
    assert results.errors == 0 and len(results.latencies) >= 2
    assert results.states == {"unlocked": 1, "locked": 1}


def test_the_command_prints_its_figures_as_json(server, tokens, tmp_path, capsys):
    _host, _port, url = server
    path = tmp_path / "tokens.txt"
    path.write_text("\n".join(tokens) + "\n")
    assert sim.main(["--server", url, "--tokens", str(path), "--seconds", "3"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["stations"] == 2 and figures["errors"] == 0


def test_a_wrong_token_is_counted_as_an_error(server, tmp_path, capsys, cafe):
    _host, _port, url = server
    path = tmp_path / "tokens.txt"
    path.write_text("not-a-token\n")
    assert sim.main(["--server", url, "--tokens", str(path), "--seconds", "3"]) == 1
    statuses = json.loads(capsys.readouterr().out)["statuses"]
    assert set(statuses) == {"401"}


def test_an_unreachable_server_is_reported(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody listens here once closed
    path = tmp_path / "tokens.txt"
    path.write_text("abc\n")
    code = sim.main(
        ["--server", f"http://127.0.0.1:{port}", "--tokens", str(path), "--seconds", "3"]
    )
    assert code == 1
    assert "cannot reach" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--server", "ftp://x", "--tokens", "t"],
        ["--tokens", "/nonexistent/tokens"],
        ["--server", "http://127.0.0.1:1"],
    ],
)
def test_bad_arguments_are_refused_with_a_message(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        sim.main(args)
    assert exit_.value.code == 2
    assert "error" in capsys.readouterr().err


def test_an_empty_token_file_is_refused(tmp_path, capsys):
    path = tmp_path / "tokens.txt"
    path.write_text("\n")
    with pytest.raises(SystemExit):
        sim.main(["--tokens", str(path)])
    assert "no station tokens" in capsys.readouterr().err


def test_the_netpoint_command_runs_the_simulator_without_django(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "netpoint.cli", "station-sim", "--tokens", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2 and "cannot read" in done.stderr
    assert not (tmp_path / "var").exists()  # no settings, no secret key, no database
