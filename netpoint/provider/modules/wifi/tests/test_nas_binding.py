"""A NAS is the address its packets come from (issue 24, reproduction 3): FreeRADIUS's
radclient sends from 127.0.0.2 (hotspot A) and 127.0.0.3 (hotspot B), each signing with its own
secret (radclient binds the source its `Packet-Src-IP-Address` line names; 127.0.0.0/8 is all
loopback on Linux). A packet naming another hotspot's address is dropped and counted."""

import shutil
import subprocess
import time
from datetime import UTC, datetime

import pytest

from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.models import Nas, RadAcct

A, B = "127.0.0.2", "127.0.0.3"
SECRET_A, SECRET_B = "bi-mat-cua-diem-phat-a", "bi-mat-cua-diem-phat-b"
VICTIM_MAC = "AA-BB-CC-00-77-77"
START_AT = 1_773_111_600  # 2026-03-10 03:00 UTC


@pytest.fixture
def hotspots(hotspot):
    return (
        services.register_nas(hotspot, "Điểm phát A", A, SECRET_A),
        services.register_nas(hotspot, "Điểm phát B", B, SECRET_B),
    )


@pytest.fixture
def server(run_radius, hotspots):
    return run_radius()


def send(server, source: str, secret: str, lines: list[str], kind: str = "acct") -> str:
    """radclient from `source`: what it printed (an answer shows as "Received ...")."""
    binary = shutil.which("radclient")
    if binary is None:
        pytest.fail("radclient is missing: run scripts/test-services (freeradius-utils)")
    port = server.acct_port if kind == "acct" else server.auth_port
    done = subprocess.run(
        [binary, "-x", "-r", "1", "-t", "2", f"127.0.0.1:{port}", kind, secret],
        input="\n".join([*lines, f"Packet-Src-IP-Address = {source}"]) + "\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    output = done.stdout + done.stderr
    assert f"from {source}:" in output, output  # it really left from that address
    return output


def session(status: str, nas_ip: str, name: str, mac: str, elapsed: int = 0) -> list[str]:
    lines = [
        f"Acct-Status-Type = {status}",
        f"NAS-IP-Address = {nas_ip}",
        f'Acct-Session-Id = "{name}"',
        'User-Name = "wf0001"',
        f'Calling-Station-Id = "{mac}"',
        "Framed-IP-Address = 10.0.0.23",
        f"Event-Timestamp = {START_AT + elapsed}",
    ]
    if elapsed:
        lines.append(f"Acct-Session-Time = {elapsed}")
    return lines


def open_session_at_b(server) -> None:
    output = send(server, B, SECRET_B, session("Start", B, "B-1", "AA-BB-CC-00-11-22"))
    assert "Received Accounting-Response" in output


def refused_count(nas: Nas, at_least: int, within: float = 15) -> int:
    """The NAS's counter once the server has added to it (it does every few seconds)."""
    deadline = time.monotonic() + within
    while True:
        count = Nas.objects.get(pk=nas.pk).refused_claims
        if count >= at_least or time.monotonic() > deadline:
            return count
        time.sleep(0.2)


def test_an_accounting_off_from_one_hotspot_naming_another_closes_none_of_its_sessions(
    server, hotspots
):
    open_session_at_b(server)
    off = ["Acct-Status-Type = Accounting-Off", f"NAS-IP-Address = {B}"]
    output = send(server, A, SECRET_A, off)
    assert "Received" not in output
    assert RadAcct.objects.get(acctsessionid="B-1").acctstoptime is None


def test_a_start_from_one_hotspot_naming_another_stores_nothing(server, hotspots):
    output = send(server, A, SECRET_A, session("Start", B, "FORGED-1", VICTIM_MAC))
    assert "Received" not in output
    assert not RadAcct.objects.filter(callingstationid=VICTIM_MAC).exists()


def test_a_packet_naming_another_hotspot_is_counted_on_the_hotspot_that_sent_it(server, hotspots):
    nas_a, nas_b = hotspots
    send(server, A, SECRET_A, session("Start", B, "FORGED-2", VICTIM_MAC))
    assert refused_count(nas_a, 1) == 1
    assert Nas.objects.get(pk=nas_b.pk).refused_claims == 0
    assert server.stats.refused_claims == 1


def test_an_access_request_naming_another_hotspot_gets_no_answer(server, hotspots):
    lines = ['User-Name = "wfkhongcoai"', 'User-Password = "x"', f"NAS-IP-Address = {B}"]
    assert "Received" not in send(server, A, SECRET_A, lines, kind="auth")
    own = ['User-Name = "wfkhongcoai"', 'User-Password = "x"', f"NAS-IP-Address = {A}"]
    assert "Received Access-Reject" in send(server, A, SECRET_A, own, kind="auth")


def test_accounting_off_closes_only_the_sessions_of_the_hotspot_that_sent_it(server, hotspots):
    open_session_at_b(server)
    output = send(server, A, SECRET_A, session("Start", A, "A-1", "AA-BB-CC-00-11-33"))
    assert "Received Accounting-Response" in output
    off = ["Acct-Status-Type = Accounting-Off", f"NAS-IP-Address = {A}"]
    assert "Received Accounting-Response" in send(server, A, SECRET_A, off)
    assert RadAcct.objects.get(acctsessionid="A-1").acctstoptime is not None
    assert RadAcct.objects.get(acctsessionid="B-1").acctstoptime is None


def test_a_session_is_stored_under_the_address_it_came_from(server, hotspots):
    nas_a, _nas_b = hotspots
    nas_a.nat_addresses = "10.20.0.2, 10.20.0.3"
    nas_a.save()
    server.loop.call_soon_threadsafe(server.loop.create_task, server.refresh_nas())
    lines = session("Start", "10.20.0.3", "NAT-1", "AA-BB-CC-00-11-44")
    deadline = time.monotonic() + 10
    while "Received Accounting-Response" not in send(server, A, SECRET_A, lines):
        assert time.monotonic() < deadline, "the NAT address was never accepted"
    assert RadAcct.objects.get(acctsessionid="NAT-1").nasipaddress == A


def test_a_private_address_not_listed_for_the_hotspot_is_refused(server, hotspots):
    lines = session("Start", "10.20.0.9", "NAT-2", "AA-BB-CC-00-11-55")
    assert "Received" not in send(server, A, SECRET_A, lines)
    assert not RadAcct.objects.filter(acctsessionid="NAT-2").exists()


def test_an_interim_update_after_the_stop_never_moves_the_stopped_session(server, hotspots):
    mac = "AA-BB-CC-00-11-66"
    for status, elapsed in (("Start", 0), ("Stop", 600), ("Interim-Update", 900)):
        output = send(server, A, SECRET_A, session(status, A, "A-2", mac, elapsed))
        assert "Received Accounting-Response" in output
    row = RadAcct.objects.get(acctsessionid="A-2")
    assert row.acctstoptime == datetime.fromtimestamp(START_AT + 600, UTC)
    assert row.acctupdatetime == row.acctstoptime
    assert row.acctsessiontime == 600
