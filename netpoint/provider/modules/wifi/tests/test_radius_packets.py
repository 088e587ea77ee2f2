"""Our server at the packet level: retransmissions, Message-Authenticator, hostile input."""

import hashlib
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrad import packet as rp

from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.accounting import DICTIONARY
from netpoint.provider.modules.wifi.models import RadAcct
from netpoint.provider.modules.wifi.tests.conftest import SECRET


@pytest.fixture
def udp():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(3)
    yield sock
    sock.close()


def exchange(sock, port: int, raw: bytes, timeout: float = 3) -> bytes | None:
    sock.settimeout(timeout)
    sock.sendto(raw, ("127.0.0.1", port))
    try:
        return sock.recv(4096)
    except TimeoutError:
        return None


def accounting_request(session: str, status: str = "Start", secret: bytes = SECRET.encode()):
    request = rp.AcctPacket(secret=secret, dict=DICTIONARY)
    request["Acct-Status-Type"] = status
    request["Acct-Session-Id"] = session
    request["User-Name"] = "wf0001"
    request["NAS-IP-Address"] = "127.0.0.1"
    request["Calling-Station-Id"] = "AA-BB-CC-00-11-22"
    return request


def access_request(login: str, password: str, secret: bytes = SECRET.encode()):
    request = rp.AuthPacket(secret=secret, dict=DICTIONARY)
    request["User-Name"] = login
    request["User-Password"] = request.PwCrypt(password)
    return request


def test_a_retransmission_gets_the_same_reply_and_is_stored_once(radius, udp):
    raw = accounting_request("S-1").RequestPacket()
    first = exchange(udp, radius.acct_port, raw)
    again = exchange(udp, radius.acct_port, raw)
    assert first is not None and again == first
    assert radius.stats.stored == 1 and radius.stats.duplicates == 1
    assert RadAcct.objects.count() == 1


def test_a_new_identifier_is_a_new_request(radius, udp):
    request = accounting_request("S-2")
    exchange(udp, radius.acct_port, request.RequestPacket())
    request.id = (request.id + 1) % 256
    assert exchange(udp, radius.acct_port, request.RequestPacket()) is not None
    assert radius.stats.stored == 2 and RadAcct.objects.count() == 1


def test_an_accounting_request_with_a_wrong_authenticator_is_dropped(radius, udp):
    raw = accounting_request("S-3", secret=b"khong-phai-bi-mat-cua-nas").RequestPacket()
    assert exchange(udp, radius.acct_port, raw, timeout=1) is None
    assert RadAcct.objects.count() == 0


def test_a_valid_message_authenticator_is_answered_with_one(radius, udp):
    user, password = services.verify_user("0912345678")
    request = access_request(user.login, password)
    request.add_message_authenticator()
    raw_reply = exchange(udp, radius.auth_port, request.RequestPacket())
    reply = request.CreateReply(packet=raw_reply)
    assert reply.code == rp.AccessAccept
    assert request.VerifyReply(reply, raw_reply, enforce_ma=True)


def test_a_forged_message_authenticator_is_dropped(radius, udp):
    user, password = services.verify_user("0912345678")
    request = access_request(user.login, password)
    request.add_message_authenticator()
    raw = bytearray(request.RequestPacket())
    position = raw.find(bytes([80, 18]))
    raw[position + 2] ^= 0xFF
    assert exchange(udp, radius.auth_port, bytes(raw), timeout=1) is None


def test_a_nas_held_to_message_authenticator_is_not_answered_without_one(run_radius, nas, udp):
    nas.require_message_authenticator = True
    nas.save()
    server = run_radius()
    user, password = services.verify_user("0912345678")
    request = access_request(user.login, password)
    assert exchange(udp, server.auth_port, request.RequestPacket(), timeout=1) is None
    request = access_request(user.login, password)
    request.add_message_authenticator()
    assert exchange(udp, server.auth_port, request.RequestPacket()) is not None


def test_an_accounting_message_authenticator_is_checked_and_returned(radius, udp):
    request = accounting_request("S-4")
    request.add_message_authenticator()
    raw_reply = exchange(udp, radius.acct_port, request.RequestPacket())
    reply = request.CreateReply(packet=raw_reply)
    assert request.VerifyReply(reply, raw_reply, enforce_ma=True)


def test_strings_with_nul_and_broken_utf8_are_stored_cleanly(radius, udp):
    request = accounting_request("S-5")
    request[44] = [b"S-\x00\xff5"]
    assert exchange(udp, radius.acct_port, request.RequestPacket()) is not None
    assert RadAcct.objects.get().acctsessionid == "S-\ufffd5"


def attribute():
    return st.tuples(st.integers(0, 255), st.binary(max_size=40)).map(
        lambda pair: bytes([pair[0], len(pair[1]) + 2]) + pair[1]
    )


def signed(code: int, identifier: int, attributes: bytes) -> bytes:
    """An accounting-signed packet: passes the authenticator check, so the fuzz reaches the
    attribute parsing and the database."""
    import hashlib

    header = bytes([code, identifier]) + (20 + len(attributes)).to_bytes(2, "big")
    digest = hashlib.md5(header + bytes(16) + attributes + SECRET.encode()).digest()
    return header + digest + attributes


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    noise=st.one_of(
        st.binary(max_size=120),
        st.tuples(st.sampled_from([1, 4, 2, 40]), st.integers(0, 255), st.lists(attribute())).map(
            lambda parts: signed(parts[0], parts[1], b"".join(parts[2]))
        ),
        st.lists(attribute(), max_size=12).map(
            lambda parts: signed(4, 7, bytes([40, 6, 0, 0, 0, 3]) + b"".join(parts))
        ),
    )
)
def test_hostile_packets_never_stop_the_server(fuzz_server, noise):
    server, sock = fuzz_server
    for port in (server.auth_port, server.acct_port):
        sock.sendto(noise, ("127.0.0.1", port))
    fuzz_server_still_answers(server, sock)


_sessions = iter(range(10**9))


def fuzz_server_still_answers(server, sock):
    request = accounting_request(f"F-{next(_sessions)}")
    raw = request.RequestPacket()
    sock.sendto(raw, ("127.0.0.1", server.acct_port))
    while True:
        reply = sock.recv(4096)  # answers to signed fuzz may come first
        if reply[1] == request.id and reply[4:20] != raw[4:20] and reply[0] == 5:
            try:
                checked = request.CreateReply(packet=reply)
            except Exception:
                continue
            if request.VerifyReply(checked, reply):
                return


@pytest.fixture
def fuzz_server(radius, udp):
    udp.settimeout(5)
    return radius, udp


def test_an_accounting_request_with_a_forged_message_authenticator_is_dropped(radius, udp):
    request = accounting_request("S-6")
    request.add_message_authenticator()
    raw = bytearray(request.RequestPacket())
    position = raw.find(bytes([80, 18]))
    raw[position + 2] ^= 0xFF
    # The Request Authenticator covers the forged octets too: signed again, only the
    # Message-Authenticator is wrong.
    raw[4:20] = bytes(16)
    raw[4:20] = hashlib.md5(bytes(raw) + SECRET.encode()).digest()
    assert exchange(udp, radius.acct_port, bytes(raw), timeout=1) is None
    assert RadAcct.objects.count() == 0


def test_a_nas_held_to_message_authenticator_is_not_answered_without_one_in_accounting(
    run_radius, nas, udp
):
    nas.require_message_authenticator = True
    nas.save()
    server = run_radius()
    raw = accounting_request("S-7").RequestPacket()
    assert exchange(udp, server.acct_port, raw, timeout=1) is None
    request = accounting_request("S-7")
    request.add_message_authenticator()
    assert exchange(udp, server.acct_port, request.RequestPacket()) is not None
    assert RadAcct.objects.get().acctsessionid == "S-7"
