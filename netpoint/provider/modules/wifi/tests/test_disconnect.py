"""Ending a session from the staff page: a Disconnect-Request to the session's NAS, here a
NAS simulator on loopback that answers as RFC 5176 says."""

import socket
import threading

import pytest
from django.contrib.auth.models import Group
from pyrad import packet as rp

from netpoint.common.audit.models import AuditEntry
from netpoint.conftest import free_udp_port
from netpoint.provider.modules.wifi.accounting import DICTIONARY
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.modules.wifi.tests.conftest import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


class Heard(list):
    """The Acct-Session-Id of each request the simulator heard, and (`names`) the
    NAS-IP-Address each gave."""

    def __init__(self):
        super().__init__()
        self.names = []


@pytest.fixture
def simulated_nas(nas):
    """Answers Disconnect-Requests for session S-1 with an ACK, any other with a NAK (Error-
    Cause 503), after checking the request's authenticator and Message-Authenticator."""
    port = free_udp_port()
    nas.coa_port = port
    nas.save()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", port))
    sock.settimeout(0.2)
    heard, stop = Heard(), threading.Event()

    def serve():
        while not stop.is_set():
            try:
                data, addr = sock.recvfrom(4096)
            except TimeoutError:
                continue
            request = rp.CoAPacket(secret=SECRET.encode(), dict=DICTIONARY, packet=data)
            if not (request.VerifyCoARequest() and request.verify_message_authenticator()):
                continue
            heard.append(request["Acct-Session-Id"][0])
            heard.names.append(request["NAS-IP-Address"][0])
            reply = request.CreateReply()
            if request["Acct-Session-Id"] != ["S-1"]:
                reply.code = rp.DisconnectNAK
                reply["Error-Cause"] = 503
            sock.sendto(reply.ReplyPacket(), addr)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield heard
    stop.set()
    thread.join(2)
    sock.close()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_user("quantri", password="mat-khau-dai-1")
    user.groups.add(Group.objects.get(name="provider_admin"))
    client.force_login(user)
    return client


def session(number: str) -> RadAcct:
    return RadAcct.objects.create(
        acctsessionid=number,
        acctuniqueid=f"u-{number}",
        nasipaddress="127.0.0.1",
        username="wf0001",
        callingstationid="AA-BB-CC-00-11-22",
    )


def test_the_nas_ends_the_session(admin_client, simulated_nas):
    open_session = session("S-1")
    answer = admin_client.post(f"/wifi/phien/{open_session.pk}/ngat/", follow=True)
    assert "Thiết bị NAS đã ngắt phiên." in answer.content.decode()
    assert simulated_nas == ["S-1"]
    entry = AuditEntry.objects.get(action="wifi_session_disconnect")
    assert entry.detail["answer"] == "ack"


def test_a_nas_behind_nat_is_named_by_its_private_address(admin_client, simulated_nas, nas):
    nas.nat_addresses = "10.20.0.2"
    nas.save()
    open_session = session("S-1")
    admin_client.post(f"/wifi/phien/{open_session.pk}/ngat/", follow=True)
    assert simulated_nas.names == ["10.20.0.2"]


def test_a_refusal_is_shown(admin_client, simulated_nas):
    other = session("S-2")
    answer = admin_client.post(f"/wifi/phien/{other.pk}/ngat/", follow=True)
    assert "Thiết bị NAS từ chối ngắt phiên." in answer.content.decode()


def test_a_silent_nas_is_reported(admin_client, nas, settings):
    settings.NETPOINT_WIFI = {"disconnect_tries": 1, "disconnect_timeout_seconds": 0.2}
    nas.coa_port = free_udp_port()
    nas.save()
    answer = admin_client.post(f"/wifi/phien/{session('S-1').pk}/ngat/", follow=True)
    assert "không trả lời" in answer.content.decode()


def test_a_session_without_a_known_nas_is_refused_with_a_message(admin_client):
    answer = admin_client.post(f"/wifi/phien/{session('S-1').pk}/ngat/", follow=True)
    assert "Không có thiết bị NAS" in answer.content.decode()


def test_an_ended_session_cannot_be_ended_again(admin_client, nas):
    ended = session("S-1")
    RadAcct.objects.filter(pk=ended.pk).update(acctstoptime="2026-03-10T03:00:00Z")
    assert admin_client.post(f"/wifi/phien/{ended.pk}/ngat/").status_code == 404


def test_the_open_sessions_page_is_audited(admin_client, nas):
    session("S-1")
    page = admin_client.get("/wifi/phien/")
    assert "AA-BB-CC-00-11-22" in page.content.decode()
    assert AuditEntry.objects.filter(action="wifi_sessions_viewed").exists()
