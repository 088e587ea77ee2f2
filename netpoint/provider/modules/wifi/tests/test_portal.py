"""The portal's pages and endpoints through Django's test client on PostgreSQL: codes, limits,
every refusal with its status and Vietnamese message, authmon, BinAuth, the SMS gateways; the
code page (masked number, validity, "Gửi lại mã", "Đổi số"), the terms, notice and consent."""

import base64
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from netpoint.common import sms
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.modules.wifi import controllers, portal, services
from netpoint.provider.modules.wifi.conf import conf
from netpoint.provider.modules.wifi.models import (
    AuthmonGrant,
    GatewayEvent,
    Nas,
    PortalAttempt,
    PortalConsent,
    WifiDevice,
    WifiUser,
)

pytestmark = pytest.mark.django_db

FASKEY = "khoaFas2026"
UAMSECRET = "bi-mat-uam-thu"
EVENT_KEY = "khoa-bao-su-kien-binauth"
PHONE = "0912 345 678"


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    settings.NETPOINT_SMS_GATEWAY = {"kind": "file", "folder": str(tmp_path)}


@pytest.fixture
def outbox(tmp_path):
    def last_code(to: str = "+84912345678") -> str:
        lines = (tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
        message = json.loads(lines[-1])
        assert message["to"] == to
        return re.search(r"\b(\d{6})\b", message["text"]).group(1)

    return last_code


@pytest.fixture
def opennds(hotspot):
    nas = services.register_nas(hotspot, "openNDS", "192.0.2.10", "bi-mat-radius-thu-nghiem")
    return portal.configure_controller(nas, "opennds", FASKEY, fas_level=1, event_key=EVENT_KEY)


@pytest.fixture
def opennds3(hotspot):
    nas = services.register_nas(hotspot, "openNDS 3", "192.0.2.11", "bi-mat-radius-thu-nghiem")
    return portal.configure_controller(nas, "opennds", FASKEY, fas_level=3)


@pytest.fixture
def chilli(hotspot):
    nas = services.register_nas(hotspot, "Chilli", "192.0.2.12", "bi-mat-radius-thu-nghiem")
    return portal.configure_controller(nas, "chilli", UAMSECRET)


def fas_list(hid="9f" * 32, mac="04:15:52:6a:e4:ad"):
    return (
        f"hid={hid}, clientip=10.1.0.23, clientmac={mac}, gatewayname=Quan%20Thu, "
        "gatewayaddress=10.1.0.1:2050, authdir=opennds_auth, originurl=http%3A%2F%2Fvi-du.vn%2F"
    )


def level1(**kwargs):
    return {"fas": base64.b64encode(fas_list(**kwargs).encode()).decode()}


def level3(**kwargs):
    iv = "0123456789abcdef"
    return {"fas": controllers.encode_fas_level3(fas_list(**kwargs), iv, FASKEY), "iv": iv}


def uam(mac="AA-BB-CC-00-11-22"):
    return {
        "res": "notyet",
        "uamip": "10.1.0.1",
        "uamport": "3990",
        "challenge": "00112233445566778899aabbccddeeff",
        "mac": mac,
        "ip": "10.1.0.50",
        "userurl": "http://vi-du.vn/",
    }


def chilli_url(nas, query, secret=UAMSECRET) -> str:
    """The portal's URL with `query`, signed as CoovaChilli signs it."""
    return controllers.sign_uam_url(
        f"http://testserver/wifi/cong/{nas.pk}/?{urlencode(query)}", secret
    )


def start(client, nas, query, phone=PHONE, terms=True):
    """Opens the portal as the controller sends the browser, then sends the phone form."""
    if "res" in query:
        page = client.get(chilli_url(nas, query))
    else:
        page = client.get(f"/wifi/cong/{nas.pk}/", query)
    assert page.status_code == 200, page.content.decode()
    signed = page.context["form"].initial["client"]
    data = {"phone": phone, "client": signed}
    if terms:
        data["terms"] = "on"
    return client.post(f"/wifi/cong/{nas.pk}/dien-thoai/", data)


def test_the_code_verifies_the_phone_registers_the_device_and_redirects_to_opennds(
    client, opennds, outbox
):
    answer = start(client, opennds, level1())
    assert answer.status_code == 302
    code_url = answer["Location"]
    assert "912345678" not in code_url
    attempt = PortalAttempt.objects.get()
    assert outbox() not in attempt.code_hash and "912345678" not in attempt.phone_sealed
    answer = client.post(code_url, {"code": outbox()})
    assert answer.status_code == 302
    target = urlsplit(answer["Location"])
    assert (target.netloc, target.path) == ("10.1.0.1:2050", "/opennds_auth/")
    tok = hashlib.sha256(("9f" * 32 + FASKEY).encode()).hexdigest()
    assert parse_qs(target.query) == {"tok": [tok], "redir": ["http://vi-du.vn/"]}
    user = WifiUser.objects.get(phone_index=phone_index("+84912345678", key_ring()))
    assert user.point == opennds.point
    assert WifiDevice.objects.get(mac="04-15-52-6A-E4-AD").user == user
    # A code is good once.
    again = client.post(code_url, {"code": outbox()})
    assert again.status_code == 410 and "đã được dùng" in again.content.decode()


def test_a_wrong_phone_is_refused_in_vietnamese(client, opennds):
    answer = start(client, opennds, level1(), phone="024 3736 6945")
    assert answer.status_code == 422
    assert "di động" in answer.content.decode()
    assert not PortalAttempt.objects.exists()


def test_the_terms_must_be_accepted(client, opennds):
    answer = start(client, opennds, level1(), terms=False)
    assert answer.status_code == 422
    assert "đồng ý với điều khoản" in answer.content.decode()
    assert not PortalAttempt.objects.exists()


@pytest.mark.parametrize(
    "query",
    [{}, {"fas": "khong-phai-base64!"}, {"fas": base64.b64encode(b"hid=1").decode()}],
)
def test_a_malformed_fas_is_a_400(client, opennds, query):
    answer = client.get(f"/wifi/cong/{opennds.pk}/", query)
    assert answer.status_code == 400
    assert "không hợp lệ" in answer.content.decode()


def test_level3_needs_the_hotspots_faskey(client, opennds3):
    iv = "0123456789abcdef"
    forged = controllers.encode_fas_level3(fas_list(), iv, "khoa-khac")
    answer = client.get(f"/wifi/cong/{opennds3.pk}/", {"fas": forged, "iv": iv})
    assert answer.status_code == 400
    assert client.get(f"/wifi/cong/{opennds3.pk}/", level3()).status_code == 200


def test_a_changed_client_field_is_refused(client, opennds):
    data = {"phone": PHONE, "terms": "on", "client": "gia-mao:123"}
    answer = client.post(f"/wifi/cong/{opennds.pk}/dien-thoai/", data)
    assert answer.status_code == 400
    assert not PortalAttempt.objects.exists()


def test_unknown_hotspots_are_404(client, hotspot):
    nas = services.register_nas(hotspot, "Chỉ RADIUS", "192.0.2.20", "bi-mat-radius-thu-nghiem")
    for pk in (nas.pk, nas.pk + 1000):
        answer = client.get(f"/wifi/cong/{pk}/", level1())
        assert answer.status_code == 404 and "Không tìm thấy" in answer.content.decode()


def test_an_expired_code_is_refused(client, opennds, outbox, clock):
    code_url = start(client, opennds, level1())["Location"]
    clock.advance(timedelta(seconds=conf().code_ttl_seconds + 1))
    answer = client.post(code_url, {"code": outbox()})
    assert answer.status_code == 410 and "hết hạn" in answer.content.decode()
    assert not WifiUser.objects.exists()


def test_too_many_wrong_codes_lock_the_attempt(client, opennds, outbox):
    code_url = start(client, opennds, level1())["Location"]
    right = outbox()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for left in range(conf().code_attempts - 1, -1, -1):
        answer = client.post(code_url, {"code": wrong})
        assert answer.status_code == 422
        assert f"Còn {left} lần thử" in answer.content.decode()
    answer = client.post(code_url, {"code": right})
    assert answer.status_code == 429 and "quá số lần" in answer.content.decode()
    assert not WifiUser.objects.exists()


def test_a_code_that_is_not_six_digits(client, opennds):
    code_url = start(client, opennds, level1())["Location"]
    answer = client.post(code_url, {"code": "12ab"})
    assert answer.status_code == 422 and "6 chữ số" in answer.content.decode()
    missing = client.get("/wifi/cong/ma/khong-co/")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode()
    assert client.post("/wifi/cong/ma/khong-co/", {"code": "123456"}).status_code == 404


def test_codes_per_phone_are_limited_each_hour(client, opennds, clock):
    limit = conf().codes_per_phone_hour
    for n in range(limit):
        assert start(client, opennds, level1(mac=f"04:15:52:6a:e4:{n:02x}")).status_code == 302
    answer = start(client, opennds, level1(mac="04:15:52:6a:e4:ff"))
    assert answer.status_code == 429 and "một giờ" in answer.content.decode()
    clock.advance(timedelta(hours=1, seconds=1))
    assert start(client, opennds, level1(mac="04:15:52:6a:e4:ff")).status_code == 302


def test_codes_per_device_are_limited_each_hour(client, opennds, settings):
    settings.NETPOINT_WIFI = {"codes_per_device_hour": 2}
    assert start(client, opennds, level1(), phone="0912000001").status_code == 302
    assert start(client, opennds, level1(), phone="0912000002").status_code == 302
    answer = start(client, opennds, level1(), phone="0912000003")
    assert answer.status_code == 429 and "Thiết bị này" in answer.content.decode()


def test_a_failing_gateway_leaves_no_attempt(client, opennds, settings):
    settings.NETPOINT_SMS_GATEWAY = {"kind": "http", "url": "http://127.0.0.1:9/", "timeout": 2}
    answer = start(client, opennds, level1())
    assert answer.status_code == 503 and "Chưa gửi được" in answer.content.decode()
    assert not PortalAttempt.objects.exists()


def test_chilli_gets_a_pap_logon_that_radius_accepts(client, chilli, outbox):
    code_url = start(client, chilli, uam())["Location"]
    target = urlsplit(client.post(code_url, {"code": outbox()})["Location"])
    assert (target.netloc, target.path) == ("10.1.0.1:3990", "/logon")
    query = parse_qs(target.query)
    mixed = hashlib.md5(bytes.fromhex(uam()["challenge"]) + UAMSECRET.encode()).digest()
    password = bytes(a ^ b for a, b in zip(bytes.fromhex(query["password"][0]), mixed, strict=True))
    credentials = services.Credentials(query["username"][0], password=password.rstrip(b"\0"))
    assert services.authenticate(credentials)
    assert query["userurl"] == ["http://vi-du.vn/"]


@pytest.mark.parametrize(
    ("res", "status", "text"),
    [
        ("success", 200, "Đã kết nối"),
        ("already", 200, "Bạn đã kết nối"),
        ("logoff", 200, "Đã đăng xuất"),
        ("failed", 403, "từ chối đăng nhập"),
        ("popup1", 400, "không hợp lệ"),
    ],
)
def test_chilli_result_pages(client, chilli, res, status, text):
    answer = client.get(f"/wifi/cong/{chilli.pk}/", {"res": res})
    assert answer.status_code == status and text in answer.content.decode()


def test_a_bad_uam_challenge_is_a_400(client, chilli):
    answer = client.get(chilli_url(chilli, uam() | {"challenge": "12"}))
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        # Not signed at all, signed with another secret, or a parameter changed after signing.
        lambda nas: f"/wifi/cong/{nas.pk}/?{urlencode(uam())}",
        lambda nas: chilli_url(nas, uam(), secret="bi-mat-khac"),
        lambda nas: chilli_url(nas, uam()).replace("AA-BB-CC-00-11-22", "AA-BB-CC-00-11-99"),
    ],
)
def test_a_chilli_arrival_it_did_not_sign_is_refused(client, chilli, url):
    answer = client.get(url(chilli))
    assert answer.status_code == 400
    assert "không hợp lệ" in answer.content.decode()


def authmon(client, nas, data, remote="192.0.2.11"):
    return client.post(f"/wifi/cong/{nas.pk}/", data, REMOTE_ADDR=remote)


def test_authmon_hands_each_grant_over_once(client, opennds3, outbox):
    code_url = start(client, opennds3, level3())["Location"]
    done = client.post(code_url, {"code": outbox()})["Location"]
    waiting = client.get(done)
    assert waiting.status_code == 200 and "Đang chờ" in waiting.content.decode()
    grant = AuthmonGrant.objects.get()
    gateway_hash = hashlib.sha256(b"Quan Thu").hexdigest()

    def poll(action, gateway=gateway_hash):
        answer = authmon(client, opennds3, {"auth_get": action, "gatewayhash": gateway})
        return answer.content.decode()

    rhid = hashlib.sha256(("9f" * 32 + FASKEY).encode()).hexdigest()
    expected = f"* {rhid}%201440%200%200%200%200%20{grant.custom}"
    assert poll("view") == expected
    assert poll("list") == expected
    assert poll("list") == "*"
    assert "Đã kết nối" in client.get(done).content.decode()
    assert poll("view", hashlib.sha256(b"Quan Khac").hexdigest()) == "*"


@pytest.mark.parametrize(
    "data", [{"auth_get": "xoa", "gatewayhash": "a" * 64}, {"auth_get": "list"}, {}]
)
def test_authmon_refuses_bad_requests(client, opennds3, data):
    answer = authmon(client, opennds3, data)
    assert answer.status_code == 400 and answer.content.decode()


def test_authmon_answers_only_the_gateway(client, opennds3):
    data = {"auth_get": "list", "gatewayhash": hashlib.sha256(b"Quan Thu").hexdigest()}
    answer = authmon(client, opennds3, data, remote="198.51.100.7")
    assert answer.status_code == 403 and "Chỉ thiết bị phát Wi-Fi" in answer.content.decode()


def test_authmon_clear_drops_the_waiting_grants(client, opennds3, outbox):
    code_url = start(client, opennds3, level3())["Location"]
    client.post(code_url, {"code": outbox()})
    gateway_hash = hashlib.sha256(b"Quan Thu").hexdigest()
    assert (
        authmon(client, opennds3, {"auth_get": "clear", "gatewayhash": gateway_hash}).content
        == b"*"
    )
    assert (
        authmon(client, opennds3, {"auth_get": "view", "gatewayhash": gateway_hash}).content == b"*"
    )


def binauth(client, nas, body, key=EVENT_KEY):
    return client.post(
        f"/wifi/cong/{nas.pk}/binauth/",
        body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


def test_binauth_events_are_recorded(client, opennds):
    body = {
        "event": "client_auth",
        "mac": "04:15:52:6a:e4:ad",
        "ip": "10.1.0.23",
        "custom": "wf0123456789abcdef",
        "session_start": 1773111600,
        "session_end": 1773198000,
        "bytes_in": 0,
        "bytes_out": 0,
    }
    answer = binauth(client, opennds, body)
    assert answer.status_code == 201, answer.json()
    event = GatewayEvent.objects.get()
    assert (event.event, event.mac, event.login) == (
        "client_auth",
        "04-15-52-6A-E4-AD",
        "wf0123456789abcdef",
    )
    assert event.session_start.timestamp() == 1773111600
    deauth = binauth(client, opennds, body | {"event": "idle_deauth", "custom": "ten nguoi"})
    assert deauth.status_code == 201
    assert GatewayEvent.objects.get(event="idle_deauth").login == ""


@pytest.mark.parametrize(
    ("body", "key", "status"),
    [
        ({"event": "client_auth", "mac": "04:15:52:6a:e4:ad"}, "khoa-sai", 401),
        ({"event": "client_auth", "mac": "04:15:52:6a:e4:ad"}, "", 401),
        ("{khong phai json", EVENT_KEY, 400),
        ({"mac": "04:15:52:6a:e4:ad"}, EVENT_KEY, 400),
        (
            {"event": "client_auth", "mac": "04:15:52:6a:e4:ad", "session_start": "x"},
            EVENT_KEY,
            400,
        ),
        ({"event": "hack", "mac": "04:15:52:6a:e4:ad"}, EVENT_KEY, 422),
        ({"event": "client_auth", "mac": "khong-phai-mac"}, EVENT_KEY, 422),
        ({"event": "client_auth", "mac": "04:15:52:6a:e4:ad", "ip": "x"}, EVENT_KEY, 422),
        ({"event": "client_auth", "mac": "04:15:52:6a:e4:ad", "bytes_in": -1}, EVENT_KEY, 422),
        (["client_auth"], EVENT_KEY, 400),
    ],
)
def test_binauth_refuses_bad_reports(client, opennds, body, key, status):
    answer = binauth(client, opennds, body, key)
    assert answer.status_code == status
    assert answer.json()["message"]
    assert not GatewayEvent.objects.exists()


def test_binauth_of_a_hotspot_without_an_event_key(client, opennds3):
    answer = binauth(client, opennds3, {"event": "client_auth", "mac": "04:15:52:6a:e4:ad"}, "")
    assert answer.status_code == 401


def test_controller_settings_are_checked_and_sealed(hotspot):
    nas = services.register_nas(hotspot, "NAS", "192.0.2.30", "bi-mat-radius-thu-nghiem")
    with pytest.raises(portal.PortalError):
        portal.configure_controller(nas, "opennds", "")
    with pytest.raises(portal.PortalError):
        portal.configure_controller(nas, "khac", "k")
    with pytest.raises(portal.PortalError):
        portal.configure_controller(nas, "chilli", "", event_key="ngan")
    portal.configure_controller(nas, "opennds", FASKEY, event_key=EVENT_KEY)
    assert FASKEY not in nas.portal_key_sealed and EVENT_KEY not in nas.event_key_sealed
    assert (portal.portal_key(nas), portal.event_key(nas)) == (FASKEY, EVENT_KEY)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def operator():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.received, server.status = [], 202
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_http_gateway_posts_json_to_the_operator(operator):
    url = f"http://127.0.0.1:{operator.server_port}/sms"
    sms.HttpGateway(url, token="ma-nha-mang").send("+84912345678", "Mã 123456")
    assert operator.received == [
        ("Bearer ma-nha-mang", {"to": "+84912345678", "text": "Mã 123456"})
    ]
    operator.status = 500
    with pytest.raises(sms.GatewayError, match="HTTP 500"):
        sms.HttpGateway(url).send("+84912345678", "Mã 123456")
    with pytest.raises(sms.GatewayError):
        sms.HttpGateway("file:///etc/passwd")


def test_the_portal_sends_through_the_configured_http_gateway(client, opennds, operator, settings):
    url = f"http://127.0.0.1:{operator.server_port}/sms"
    settings.NETPOINT_SMS_GATEWAY = {"kind": "http", "url": url}
    assert start(client, opennds, level1()).status_code == 302
    ((_auth, message),) = operator.received
    assert message["to"] == "+84912345678" and re.search(r"\b\d{6}\b", message["text"])


def test_the_console_gateway_prints(settings):
    stream = io.StringIO()
    sms.ConsoleGateway(stream).send("+84912345678", "Mã 123456")
    assert stream.getvalue() == "SMS -> *********678: Mã 123456\n"
    settings.NETPOINT_SMS_GATEWAY = {"kind": "console"}
    assert isinstance(sms.sending_gateway(), sms.ConsoleGateway)
    settings.NETPOINT_SMS_GATEWAY = {"kind": "bo-cau"}
    with pytest.raises(sms.GatewayError):
        sms.sending_gateway()


def test_old_attempts_are_purged(client, opennds, clock):
    from django.core.management import call_command

    assert start(client, opennds, level1()).status_code == 302
    clock.advance(timedelta(hours=23))
    assert start(client, opennds, level1(), phone="0912000009").status_code == 302
    clock.advance(timedelta(hours=2))
    out = io.StringIO()
    call_command("wifi_portal_purge", stdout=out)
    assert out.getvalue() == "attempts\t1\n"
    assert PortalAttempt.objects.get().phone_index == phone_index("+84912000009", key_ring())


def test_level2_decrypts_and_redirects_like_level1(client, hotspot, outbox):
    nas = services.register_nas(hotspot, "openNDS 2", "192.0.2.13", "bi-mat-radius-thu-nghiem")
    portal.configure_controller(nas, "opennds", FASKEY, fas_level=2)
    assert client.get(f"/wifi/cong/{nas.pk}/", level1()).status_code == 400
    code_url = start(client, nas, level3())["Location"]
    target = urlsplit(client.post(code_url, {"code": outbox()})["Location"])
    tok = hashlib.sha256(("9f" * 32 + FASKEY).encode()).hexdigest()
    assert target.path == "/opennds_auth/" and parse_qs(target.query)["tok"] == [tok]
    assert not AuthmonGrant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_do_not_pass_the_phone_limit(hotspot):
    from django.db import connection

    nas = services.register_nas(hotspot, "openNDS", "192.0.2.40", "bi-mat-radius-thu-nghiem")
    portal.configure_controller(nas, "opennds", FASKEY, fas_level=1)
    barrier, outcomes = threading.Barrier(8), []

    def ask(n):
        came = portal.Arrival(f"04-15-52-6A-E4-{n:02X}", {"hid": "9f" * 32})
        barrier.wait()
        try:
            portal.request_code(nas, PHONE, came)
            outcomes.append("sent")
        except portal.PortalError as error:
            outcomes.append(error.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes.count("sent") == conf().codes_per_phone_hour
    assert outcomes.count(429) == 8 - conf().codes_per_phone_hour
    assert PortalAttempt.objects.count() == conf().codes_per_phone_hour


def test_the_portal_works_without_cookies(opennds, outbox):
    """openNDS levels 1 and 2 serve the FAS over http, where no Secure cookie arrives."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    code_url = start(browser, opennds, level1())["Location"]
    browser.cookies.clear()
    assert browser.post(code_url, {"code": outbox()}).status_code == 302


def forged_macs(count: int):
    """A new MAC (and a new number) for each request, as an SMS pump would send."""
    return [
        (level1(mac=f"04:15:52:6a:{n // 256:02x}:{n % 256:02x}"), f"09120{n:05d}")
        for n in range(count)
    ]


def sent(tmp_path) -> int:
    outbox = tmp_path / "outbox.jsonl"
    return len(outbox.read_text(encoding="utf-8").splitlines()) if outbox.exists() else 0


def test_forging_a_new_mac_each_time_does_not_pump_sms_from_one_address(client, opennds, tmp_path):
    limit = conf().codes_per_address_minute
    answers = [
        start(client, opennds, query, phone).status_code for query, phone in forged_macs(limit + 3)
    ]
    assert answers == [302] * limit + [429] * 3
    assert sent(tmp_path) == limit
    busy = start(client, opennds, level1(mac="04:15:52:6a:ff:ff"), "0912999999")
    assert "Điểm Wi-Fi đang nhận quá nhiều yêu cầu mã" in busy.content.decode()


def test_the_address_budget_is_given_back_after_a_minute(client, opennds, clock, tmp_path):
    batch = forged_macs(conf().codes_per_address_minute + 1)
    for query, phone in batch[:-1]:
        assert start(client, opennds, query, phone).status_code == 302
    clock.advance(timedelta(minutes=1, seconds=1))
    assert start(client, opennds, *batch[-1]).status_code == 302


def test_a_hotspot_has_a_budget_of_codes_per_minute_whatever_the_addresses(
    client, opennds, settings, tmp_path
):
    settings.NETPOINT_WIFI = {"codes_per_address_minute": 100, "codes_per_nas_minute": 4}
    answers = []
    for n, (query, phone) in enumerate(forged_macs(6)):
        page = client.get(f"/wifi/cong/{opennds.pk}/", query, REMOTE_ADDR=f"198.51.100.{n}")
        data = {"phone": phone, "client": page.context["form"].initial["client"], "terms": "on"}
        answer = client.post(
            f"/wifi/cong/{opennds.pk}/dien-thoai/", data, REMOTE_ADDR=f"198.51.100.{n}"
        )
        answers.append(answer.status_code)
    assert answers == [302] * 4 + [429] * 2
    assert sent(tmp_path) == 4


def test_the_portal_has_a_budget_of_codes_per_minute_over_all_hotspots(
    client, opennds, chilli, settings, tmp_path
):
    settings.NETPOINT_WIFI = {"codes_per_address_minute": 100, "codes_per_minute": 3}
    batch = forged_macs(4)
    for query, phone in batch[:2]:
        assert start(client, opennds, query, phone).status_code == 302
    assert start(client, chilli, uam(mac="AA-BB-CC-00-11-01"), "0913000001").status_code == 302
    assert start(client, chilli, uam(mac="AA-BB-CC-00-11-02"), "0913000002").status_code == 429
    assert start(client, opennds, *batch[3]).status_code == 429
    assert sent(tmp_path) == 3


def test_a_chilli_hotspot_cannot_be_configured_without_uamsecret(hotspot):
    nas = services.register_nas(hotspot, "Chilli", "192.0.2.31", "bi-mat-radius-thu-nghiem")
    with pytest.raises(portal.PortalError) as refused:
        portal.configure_controller(nas, "chilli", "")
    assert "CoovaChilli cần uamsecret" in str(refused.value.message)
    assert Nas.objects.get(pk=nas.pk).controller == ""


def test_the_portal_refuses_a_chilli_hotspot_without_uamsecret(client, chilli):
    # As a row written before uamsecret was required would be.
    Nas.objects.filter(pk=chilli.pk).update(portal_key_sealed="")
    query = uam()
    url = controllers.sign_uam_url(
        f"http://testserver/wifi/cong/{chilli.pk}/?{urlencode(query)}", ""
    )
    answer = client.get(url)
    assert answer.status_code == 404
    assert "Không tìm thấy điểm Wi-Fi này" in answer.content.decode()
    assert "Số điện thoại" not in answer.content.decode()


def test_the_gateway_named_in_the_environment_sends_the_codes(operator, tmp_path):
    """As DEPLOY.md says: NETPOINT_SMS_GATEWAY in the environment file, read by a provider
    process started with it (here `netpoint shell`), sends through the operator's HTTP API,
    and nothing goes to the file gateway."""
    url = f"http://127.0.0.1:{operator.server_port}/sms"
    environment = os.environ | {
        "NETPOINT_ROLE": "provider",
        "NETPOINT_DATA_DIR": str(tmp_path),
        "NETPOINT_SMS_GATEWAY": json.dumps({"kind": "http", "url": url, "token": "ma-nha-mang"}),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    script = "from netpoint.common import sms; sms.sending_gateway().send('+84912345678', 'Mã 1')"
    done = subprocess.run(
        [sys.executable, "-m", "netpoint.cli", "shell", "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert operator.received == [("Bearer ma-nha-mang", {"to": "+84912345678", "text": "Mã 1"})]
    assert not (tmp_path / "sms").exists()


def test_every_command_warns_while_codes_go_to_the_file_gateway(settings):
    from netpoint.provider.modules.wifi.checks import sms_gateway

    settings.DEBUG = False
    settings.NETPOINT_SMS_GATEWAY = {}
    assert [warning.id for warning in sms_gateway(None)] == ["netpoint.W024"]
    settings.NETPOINT_SMS_GATEWAY = {"kind": "http", "url": "https://sms.example.vn/gui"}
    assert sms_gateway(None) == []


def test_a_server_that_gives_no_client_address_still_sends_the_code(client, opennds, outbox):
    page = client.get(f"/wifi/cong/{opennds.pk}/", level1(), REMOTE_ADDR="")
    data = {"phone": PHONE, "client": page.context["form"].initial["client"], "terms": "on"}
    answer = client.post(f"/wifi/cong/{opennds.pk}/dien-thoai/", data, REMOTE_ADDR="")
    assert answer.status_code == 302
    assert PortalAttempt.objects.get().client_address is None
    assert len(outbox()) == 6


# --- The code page, the SMS, the terms and notice, consent -------------------------------------

E164 = "+84912345678"


def sms_texts(tmp_path) -> list[str]:
    lines = (tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def test_consent_is_stored_with_its_time_version_and_the_phones_blind_index(client, opennds, clock):
    assert start(client, opennds, level1()).status_code == 302
    consent = PortalConsent.objects.get()
    assert consent.consented_at == clock.now() and consent.nas == opennds
    assert consent.phone_index == phone_index(E164, key_ring())
    assert consent.version == portal.notice(opennds).version
    assert "912345678" not in f"{consent.phone_index}{consent.version}"


def test_without_ticking_consent_the_portal_goes_no_further(client, opennds, tmp_path):
    answer = start(client, opennds, level1(), terms=False)
    assert answer.status_code == 422
    assert "Hãy đồng ý với điều khoản" in answer.content.decode()
    assert not PortalConsent.objects.exists() and not PortalAttempt.objects.exists()
    assert not (tmp_path / "outbox.jsonl").exists()


def test_consent_to_words_changed_since_they_were_shown_is_asked_again(client, opennds):
    page = client.get(f"/wifi/cong/{opennds.pk}/", level1())
    opennds.house_rules = "Không tải phim bản quyền."
    opennds.save()
    data = {"phone": PHONE, "client": page.context["form"].initial["client"], "terms": "on"}
    answer = client.post(f"/wifi/cong/{opennds.pk}/dien-thoai/", data)
    assert answer.status_code == 409
    assert "vừa thay đổi" in answer.content.decode()
    assert "Không tải phim bản quyền." in answer.content.decode()
    assert not PortalConsent.objects.exists() and not PortalAttempt.objects.exists()


def test_the_terms_and_privacy_notice_are_shown_in_full(client, opennds):
    page = client.get(f"/wifi/cong/{opennds.pk}/", level1()).content.decode()
    assert "<details" not in page
    for words in (
        "Nghị định 13/2023/NĐ-CP",
        "địa chỉ MAC",
        "30 ngày",
        "yêu cầu bằng văn bản",
        "rút lại sự đồng ý",
    ):
        assert words in page


def test_the_sms_names_the_sender_and_the_hotspot(client, opennds, settings, tmp_path):
    settings.NETPOINT_WIFI = {"provider_name": "VNPT Hà Nội"}
    opennds.hotspot_name = "Cà phê Góc Phố"
    opennds.save()
    start(client, opennds, level1())
    assert sms_texts(tmp_path)[-1].startswith("VNPT Hà Nội: mã xác thực Wi-Fi tại Cà phê Góc Phố")


def test_the_portal_names_the_point_when_the_hotspot_has_no_name_of_its_own(client, opennds):
    page = client.get(f"/wifi/cong/{opennds.pk}/", level1()).content.decode()
    assert f'<strong id="hotspot-name">{opennds.point.name}</strong>' in page


def test_the_code_page_shows_the_number_masked_and_the_codes_expiry(client, opennds, clock):
    code_url = start(client, opennds, level1())["Location"]
    page = client.get(code_url).content.decode()
    assert "0xxx xxx 678" in page and "912345" not in page
    # 10:00 in Vietnam is when the fake clock stands; codes live 5 minutes.
    assert "Mã có hiệu lực đến 10:05:00" in page


def test_a_code_cannot_be_sent_again_before_its_time(client, opennds, clock, tmp_path):
    code_url = start(client, opennds, level1())["Location"]
    answer = client.post(code_url + "gui-lai/")
    assert answer.status_code == 429
    assert "Có thể gửi lại lúc 10:01:00" in answer.content.decode()
    assert len(sms_texts(tmp_path)) == 1


def test_a_code_sent_again_replaces_the_old_one(client, opennds, clock, outbox):
    code_url = start(client, opennds, level1())["Location"]
    old = outbox()
    clock.advance(timedelta(seconds=61))
    answer = client.post(code_url + "gui-lai/")
    assert answer.status_code == 302 and answer["Location"] != code_url
    assert client.post(code_url, {"code": old}).status_code == 410
    assert client.post(answer["Location"], {"code": outbox()}).status_code == 302


def test_sending_again_past_the_hourly_limit_says_when_it_can_be(client, opennds, clock):
    code_url = start(client, opennds, level1())["Location"]
    for _ in range(2):
        clock.advance(timedelta(seconds=61))
        code_url = client.post(code_url + "gui-lai/")["Location"]
    clock.advance(timedelta(seconds=61))
    answer = client.post(code_url + "gui-lai/")
    assert answer.status_code == 429
    assert "Có thể yêu cầu lại lúc 11:00:00" in answer.content.decode()


def test_change_number_shows_the_phone_form_for_the_same_device(client, opennds, tmp_path):
    code_url = start(client, opennds, level1())["Location"]
    page = client.get(code_url + "doi-so/")
    assert page.status_code == 200 and "Số điện thoại di động" in page.content.decode()
    data = {"phone": "0987 654 321", "client": page.context["form"].initial["client"]}
    answer = client.post(f"/wifi/cong/{opennds.pk}/dien-thoai/", data | {"terms": "on"})
    assert answer.status_code == 302
    assert PortalAttempt.objects.filter(mac="04-15-52-6A-E4-AD").count() == 2


def test_change_number_for_an_unknown_request_is_refused(client, opennds):
    answer = client.get("/wifi/cong/ma/khong-co/doi-so/")
    assert answer.status_code == 404 and "Không tìm thấy" in answer.content.decode()
