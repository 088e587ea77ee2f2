"""TLS between station and point server: the certificate is pinned at pairing, never ignored."""

import json
import ssl
import urllib.error
import urllib.request

import pytest

from netpoint.common import pinning
from netpoint.point.profile import tls
from netpoint.point.stations import services as stations
from netpoint.station_client.client import Refused, StationClient

pytestmark = pytest.mark.django_db(transaction=True)


def test_pairing_over_tls_pins_the_servers_certificate(tls_server, cafe, settings, tmp_path):
    url = tls_server()
    client = StationClient(tmp_path / "station.json", url)
    assert client.pair(stations.new_pairing_code(cafe["m1"])) == "M01"
    pinned = json.loads((tmp_path / "station.json").read_text())["certificate"]
    assert pinning.fingerprint(pinned) == tls.current_fingerprint(settings.DATA_DIR)
    assert client.poll()["state"] == "locked"


def test_a_server_with_another_certificate_is_not_trusted(tls_server, cafe, tmp_path):
    client = StationClient(tmp_path / "station.json", tls_server(), fail_closed_after=0.5)
    client.pair(stations.new_pairing_code(cafe["m1"]))
    client.poll()
    other_cert, other_key = tls.ensure_certificate(tmp_path / "impostor")
    client.settings["server"] = tls_server(other_cert, other_key)  # same data, other certificate
    assert client.poll() is None  # the TLS handshake fails: no answer is taken from it


def test_a_proof_made_for_another_certificate_is_refused(tls_server, cafe, tmp_path):
    """What a machine in the middle, showing its own certificate, could forward."""
    url = tls_server()
    code = stations.new_pairing_code(cafe["m1"])
    impostor = tls.ensure_certificate(tmp_path / "impostor")[0].read_text()
    proof = pinning.proof(pinning.code_hash(code), pinning.fingerprint(impostor))
    client = StationClient(tmp_path / "station.json", url)
    with pytest.raises(Refused) as refused:
        client._call("POST", "/pair", {"proof": proof}, auth=False, context=_any_certificate())
    assert refused.value.status == 400


def _any_certificate():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the impostor's view: it does not check
    return context


def test_a_proof_over_plain_http_is_refused(live_server, cafe):
    code = stations.new_pairing_code(cafe["m1"])
    body = json.dumps({"proof": pinning.proof(pinning.code_hash(code), "0" * 64)}).encode()
    request = urllib.request.Request(
        f"{live_server.url}/api/station/pair",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback
    assert refused.value.code == 400
    assert "TLS" in json.load(refused.value)["message"]


def test_an_https_server_without_a_pinned_certificate_is_not_called(tmp_path):
    client = StationClient(tmp_path / "station.json", "https://127.0.0.1:9")
    client.settings["token"] = "x"
    with pytest.raises(Refused, match="ghép máy lại"):
        client.poll()
