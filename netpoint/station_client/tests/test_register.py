"""A station whose disk was reset pairs again through the cashier's one click, against a real
point server; and the Windows service's relay lets the lock UI talk without the token."""

import json
import urllib.error
import urllib.request

import pytest

from netpoint.point.sessions import services as sessions
from netpoint.point.stations.models import RegistrationRequest
from netpoint.station_client.client import Refused, StationClient
from netpoint.station_client.windows.relay import Relay

pytestmark = pytest.mark.django_db(transaction=True)

MAC = "AA:BB:CC:DD:EE:01"


def approve_on_the_grid(client, cashier) -> str:
    client.force_login(cashier)
    pk = RegistrationRequest.objects.get().pk
    return client.post(f"/stations/registrations/{pk}/approve/", follow=True).content.decode()


@pytest.fixture
def reset_station(server, cafe, tmp_path):
    """M01, known by its MAC, booted from a frozen image: the server is set, the token gone."""
    cafe["m1"].mac = MAC
    cafe["m1"].save()
    (tmp_path / "station.json").write_text(json.dumps({"server": server}))
    return StationClient(tmp_path / "station.json")


def test_a_reset_station_pairs_again_once_the_cashier_approves(
    reset_station, client, cashier, tmp_path
):
    agent = reset_station
    assert not agent.paired
    assert agent.register(mac=MAC, hostname="PHONG-MAY-01").status == "pending"
    assert agent.register().status == "pending"
    assert "Đã duyệt: máy M01" in approve_on_the_grid(client, cashier)
    approved = agent.register()
    assert (approved.status, approved.station) == ("approved", "M01")
    assert agent.paired
    agent.heartbeat()
    assert agent.screen().locked  # a free station: locked, as any paired one
    restarted = StationClient(tmp_path / "station.json")
    assert restarted.paired and restarted.poll()["station"]["name"] == "M01"


def test_a_station_paired_again_unlocks_at_check_in(
    reset_station, client, cashier, cafe, make_customer
):
    agent = reset_station
    agent.register(mac=MAC, hostname="PHONG-MAY-01")
    approve_on_the_grid(client, cashier)
    agent.register()
    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    agent.poll()
    assert not agent.screen().locked


def test_an_agent_whose_request_was_forgotten_asks_anew(reset_station):
    agent = reset_station
    agent.register(mac=MAC)
    RegistrationRequest.objects.all().delete()
    with pytest.raises(Refused) as refused:
        agent.register()
    assert refused.value.status == 404
    assert agent.register(mac=MAC).status == "pending"
    assert RegistrationRequest.objects.count() == 1


def test_the_headless_agent_waits_for_approval_and_then_runs(reset_station, client, cashier):
    from netpoint.station_client import command

    agent = reset_station
    agent.settings["mac"] = MAC  # as the image's config may say, for a PC with several NICs
    naps = []

    def nap(seconds):
        naps.append(seconds)
        if len(naps) == 2:
            approve_on_the_grid(client, cashier)
        assert len(naps) < 5, "still waiting after the approval"

    assert command.wait_for_approval(agent, sleep=nap) == "M01"
    assert agent.paired


def relay_call(relay, method, path, body=None, secret=None):
    request = urllib.request.Request(  # noqa: S310 - the relay on 127.0.0.1
        relay.url + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {secret or relay.secret}"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.load(response)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


@pytest.fixture
def relay(paired):
    client, _ticks = paired
    relay = Relay(client)
    relay.start()
    yield relay
    relay.stop()


def test_the_lock_ui_reads_the_state_through_the_relay_without_the_token(relay, tmp_path):
    ui = StationClient(tmp_path / "ui.json")
    ui.settings.update(relay.ui_settings())
    assert ui.settings["token"] != relay.client.settings["token"]
    assert ui.poll()["station"]["name"] == "M01"
    assert ui.screen().locked


def test_the_relay_refuses_a_caller_without_its_secret(relay):
    status, body = relay_call(relay, "GET", "/api/station/state", secret="doan-bua")
    assert status == 401 and "màn hình khóa" in body["message"]


def test_the_relay_does_not_pass_on_pairing_or_registration(relay):
    status, _body = relay_call(relay, "POST", "/api/station/pair", {"code": "ABCD-EFGH"})
    assert status == 404
    status, _body = relay_call(relay, "POST", "/api/station/register/status", {"secret": "x"})
    assert status == 404


def test_the_relay_passes_on_the_points_refusal(relay):
    status, body = relay_call(relay, "POST", "/api/station/logout", {})
    assert status == 409 and "không có phiên" in body["message"]
