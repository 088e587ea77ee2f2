"""In Chromium: a phone user goes through the portal (the code read from the file gateway) and
the browser lands on the openNDS or CoovaChilli URL that lets the device on, served here by a
small HTTP server on loopback that records what it was asked."""

import base64
import hashlib
import json
import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from netpoint.provider.modules.wifi import controllers, portal, services
from netpoint.provider.modules.wifi.models import WifiDevice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FASKEY = "khoaFas2026"
UAMSECRET = "bi-mat-uam-thu"
CHALLENGE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
HID = "3c" * 32


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.asked.append(self.path)
        body = b"<html><body><p id=gateway>gateway</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway_server():
    """Stands in for the hotspot's gateway (openNDS's auth dir, chilli's logon port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    settings.NETPOINT_SMS_GATEWAY = {"kind": "file", "folder": str(tmp_path)}


def read_code(tmp_path) -> str:
    message = json.loads((tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert message["to"] == "+84912345678"
    return re.search(r"\b(\d{6})\b", message["text"]).group(1)


def through_the_portal(page, url, tmp_path):
    page.goto(url)
    assert "Kết nối Wi-Fi miễn phí" in page.inner_text("h1")
    assert "Điểm HN-W001" in page.inner_text("main")
    page.fill("#id_phone", "0912 345 678")
    # The browser itself holds the form back until the terms are accepted.
    page.click("button[type=submit]")
    assert page.eval_on_selector("#id_terms", "box => !box.validity.valid")
    page.check("#id_terms")
    page.click("button[type=submit]")
    page.wait_for_url("**/wifi/cong/ma/**")
    # Six digits or more of the phone: the port and the random token may hold three.
    assert "912345" not in page.url and "345678" not in page.url
    page.fill("#id_code", "000000" if read_code(tmp_path) != "000000" else "111111")
    page.click("button[type=submit]")
    assert "không đúng" in page.inner_text("[role=alert]")
    page.fill("#id_code", read_code(tmp_path))
    page.click("button[type=submit]")


def test_opennds_level1_ends_at_the_auth_dir_with_the_token(
    live_server, page, hotspot, gateway_server, tmp_path
):
    nas = services.register_nas(hotspot, "openNDS", "192.0.2.10", "bi-mat-radius-thu-nghiem")
    portal.configure_controller(nas, "opennds", FASKEY, fas_level=1)
    gateway = f"127.0.0.1:{gateway_server.server_port}"
    fas = (
        f"hid={HID}, clientip=10.1.0.23, clientmac=04:15:52:6a:e4:ad, gatewayname=Quan%20Thu, "
        f"gatewayaddress={gateway}, authdir=opennds_auth, originurl="
    )
    query = urlencode({"fas": base64.b64encode(fas.encode()).decode()})
    through_the_portal(page, f"{live_server.url}/wifi/cong/{nas.pk}/?{query}", tmp_path)
    page.wait_for_selector("#gateway")
    asked = urlsplit(gateway_server.asked[0])
    assert asked.path == "/opennds_auth/"
    tok = hashlib.sha256(f"{HID}{FASKEY}".encode()).hexdigest()
    query = parse_qs(asked.query)
    assert query["tok"] == [tok]
    # No origin URL was given: openNDS sends the browser on to the portal's own last page.
    assert query["redir"][0].startswith(f"{live_server.url}/wifi/cong/xong/")
    assert WifiDevice.objects.filter(mac="04-15-52-6A-E4-AD").exists()


def test_opennds_level3_waits_for_authmon(live_server, page, hotspot, tmp_path):
    # authmon polls from the NAS's address: loopback here.
    nas = services.register_nas(hotspot, "openNDS 3", "127.0.0.1", "bi-mat-radius-thu-nghiem")
    portal.configure_controller(nas, "opennds", FASKEY, fas_level=3)
    iv = "0123456789abcdef"
    fas = (
        f"hid={HID}, clientip=10.1.0.23, clientmac=04:15:52:6a:e4:ad, gatewayname=Quan Thu, "
        "gatewayaddress=10.1.0.1:2050, authdir=opennds_auth, originurl=http%3A%2F%2Fvi-du.vn%2F"
    )
    query = urlencode({"fas": controllers.encode_fas_level3(fas, iv, FASKEY), "iv": iv})
    through_the_portal(page, f"{live_server.url}/wifi/cong/{nas.pk}/?{query}", tmp_path)
    page.wait_for_url("**/wifi/cong/xong/**")
    assert "Đang chờ" in page.inner_text("[role=status]")
    # The gateway's authmon daemon polls the FAS.
    form = urlencode(
        {"auth_get": "list", "gatewayhash": hashlib.sha256(b"Quan Thu").hexdigest()}
    ).encode()
    with urllib.request.urlopen(f"{live_server.url}/wifi/cong/{nas.pk}/", form) as answer:
        listed = answer.read().decode()
    rhid = hashlib.sha256(f"{HID}{FASKEY}".encode()).hexdigest()
    assert listed.startswith(f"* {rhid}%201440%20")
    page.wait_for_selector("text=Xác thực thành công")


@pytest.mark.parametrize("chap", [False, True])
def test_chilli_logon_with_pap_or_chap(
    live_server, page, nas, gateway_server, tmp_path, run_radius, radclient, chap
):
    portal.configure_controller(nas, "chilli", UAMSECRET, uam_chap=chap)
    query = urlencode(
        {
            "res": "notyet",
            "uamip": "127.0.0.1",
            "uamport": gateway_server.server_port,
            "challenge": CHALLENGE,
            "called": "00-11-22-33-44-55",
            "mac": "AA-BB-CC-00-11-22",
            "ip": "10.1.0.50",
            "nasid": "quan-thu",
            "userurl": "http://vi-du.vn/",
        }
    )
    # chilli signs the URL it sends the browser to with the uamsecret.
    url = controllers.sign_uam_url(f"{live_server.url}/wifi/cong/{nas.pk}/?{query}", UAMSECRET)
    through_the_portal(page, url, tmp_path)
    page.wait_for_selector("#gateway")
    asked = urlsplit(gateway_server.asked[0])
    assert asked.path == "/logon"
    logon = parse_qs(asked.query)
    assert logon["userurl"] == ["http://vi-du.vn/"]
    mixed = hashlib.md5(bytes.fromhex(CHALLENGE) + UAMSECRET.encode()).digest()
    if chap:
        # What chilli puts in its Access-Request: CHAP id 0, the response, its challenge.
        credentials = services.Credentials(
            logon["username"][0],
            chap_id=0,
            chap_response=bytes.fromhex(logon["response"][0]),
            chap_challenge=mixed,
        )
        assert "password" not in logon and services.authenticate(credentials)
        return
    hidden = bytes.fromhex(logon["password"][0])
    password = bytes(a ^ b for a, b in zip(hidden, mixed, strict=True)).rstrip(b"\0").decode()
    # Chilli turns it back into a PAP Access-Request: FreeRADIUS's radclient plays chilli.
    radius = run_radius()
    lines = f'User-Name = "{logon["username"][0]}"\nUser-Password = "{password}"\n'
    output, _code = radclient(radius.auth_port, "auth", lines)
    assert "Received Access-Accept" in output, output
