"""FreeRADIUS's radclient against our RADIUS server, started on loopback high ports."""

from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.core import clock
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.models import RadAcct

MAC = "AA-BB-CC-00-11-22"
START_AT = 1_773_111_600  # 2026-03-10 03:00 UTC


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@pytest.fixture
def verified():
    user, password = services.verify_user("0912 345 678")
    return user, password


def access(radius, radclient, lines):
    output, _code = radclient(radius.auth_port, "auth", lines)
    return output


def accounting(radius, radclient, lines, status, **extra):
    attributes = [
        f"Acct-Status-Type = {status}",
        "NAS-IP-Address = 127.0.0.1",
        'Called-Station-Id = "00-11-22-33-44-55:QuanCaPhe"',
        f'Calling-Station-Id = "{MAC.lower()}"',
        "NAS-Port-Type = Wireless-802.11",
        *lines,
    ]
    attributes += [f"{name.replace('_', '-')} = {value}" for name, value in extra.items()]
    output, code = radclient(radius.acct_port, "acct", "\n".join(attributes) + "\n")
    assert "Received Accounting-Response" in output, output
    return output


def test_pap_with_the_portal_password_is_accepted(radius, radclient, verified):
    user, password = verified
    output = access(radius, radclient, f'User-Name = "{user.login}"\nUser-Password = "{password}"')
    assert "Received Access-Accept" in output
    assert "Acct-Interim-Interval = 300" in output
    assert "Message-Authenticator" in output


def test_pap_with_a_wrong_password_is_rejected(radius, radclient, verified):
    user, _password = verified
    lines = f'User-Name = "{user.login}"\nUser-Password = "sai-mat-khau"'
    output = access(radius, radclient, lines)
    assert "Received Access-Reject" in output
    assert radius.stats.rejected == 1


def test_an_unknown_user_is_rejected(radius, radclient):
    output = access(radius, radclient, 'User-Name = "wfkhongcoai"\nUser-Password = "x"')
    assert "Received Access-Reject" in output


def test_a_lapsed_verification_is_rejected(radius, radclient, verified):
    user, password = verified
    user.verified_until = clock.now() - timedelta(minutes=1)
    user.save()
    output = access(radius, radclient, f'User-Name = "{user.login}"\nUser-Password = "{password}"')
    assert "Received Access-Reject" in output


def test_chap_is_accepted_and_a_wrong_chap_rejected(radius, radclient, verified):
    user, password = verified
    good = access(radius, radclient, f'User-Name = "{user.login}"\nCHAP-Password = "{password}"')
    assert "Received Access-Accept" in good
    bad = access(radius, radclient, f'User-Name = "{user.login}"\nCHAP-Password = "khong-dung"')
    assert "Received Access-Reject" in bad


def test_chap_with_its_own_challenge(radius, radclient, verified):
    user, password = verified
    lines = (
        f'User-Name = "{user.login}"\nCHAP-Password = "{password}"\n'
        "CHAP-Challenge = 0x0102030405060708090a0b0c0d0e0f10"
    )
    assert "Received Access-Accept" in access(radius, radclient, lines)


def test_mac_authentication_of_an_authorized_device(radius, radclient, verified):
    services.authorize_device(verified[0], "aa:bb:cc:00:11:22")
    lines = 'User-Name = "aabbcc001122"\nUser-Password = "aabbcc001122"\n'
    ok = access(radius, radclient, lines + 'Calling-Station-Id = "AA-BB-CC-00-11-22"')
    assert "Received Access-Accept" in ok
    elsewhere = access(radius, radclient, lines + 'Calling-Station-Id = "AA-BB-CC-00-11-99"')
    assert "Received Access-Reject" in elsewhere


def test_mac_authentication_of_an_unknown_device_is_rejected(radius, radclient):
    lines = 'User-Name = "aabbcc001199"\nUser-Password = "aabbcc001199"\n'
    output = access(radius, radclient, lines + 'Calling-Station-Id = "AA-BB-CC-00-11-99"')
    assert "Received Access-Reject" in output


def test_a_wrong_secret_gets_no_answer(radius, radclient, verified):
    user, password = verified
    output, code = radclient(
        radius.auth_port,
        "auth",
        f'User-Name = "{user.login}"\nUser-Password = "{password}"\nMessage-Authenticator = 0x00',
        "mot-bi-mat-khac-han-hoan-toan",
    )
    assert "Received" not in output and code != 0


def test_start_interim_stop_make_one_session(radius, radclient):
    session = ['Acct-Session-Id = "S-100"', 'User-Name = "wf0001"']
    accounting(
        radius, radclient, session + ["Framed-IP-Address = 10.0.0.23"], "Start",
        Event_Timestamp=START_AT, Acct_Authentic="RADIUS",
    )  # fmt: skip
    row = RadAcct.objects.get()
    assert row.acctstarttime == at(START_AT) and row.acctstoptime is None
    assert row.callingstationid == MAC and row.framedipaddress == "10.0.0.23"
    assert row.nasipaddress == "127.0.0.1" and row.nasporttype == "Wireless-802.11"

    accounting(
        radius, radclient, session, "Interim-Update",
        Event_Timestamp=START_AT + 300, Acct_Session_Time=300,
        Acct_Input_Octets=1000, Acct_Input_Gigawords=2, Acct_Output_Octets=500,
    )  # fmt: skip
    row.refresh_from_db()
    assert row.acctupdatetime == at(START_AT + 300)
    assert row.acctinputoctets == 2 * 2**32 + 1000 and row.acctoutputoctets == 500

    accounting(
        radius, radclient, session, "Stop",
        Event_Timestamp=START_AT + 600, Acct_Session_Time=600, Acct_Input_Octets=4000,
        Acct_Input_Gigawords=2, Acct_Output_Octets=900, Acct_Terminate_Cause="User-Request",
    )  # fmt: skip
    row = RadAcct.objects.get()
    assert row.acctstoptime == at(START_AT + 600) and row.acctsessiontime == 600
    assert row.acctinputoctets == 2 * 2**32 + 4000
    assert row.acctterminatecause == "User-Request"


def test_a_late_interim_does_not_undo_the_stop(radius, radclient):
    session = ['Acct-Session-Id = "S-101"', 'User-Name = "wf0001"']
    accounting(
        radius, radclient, session, "Stop",
        Event_Timestamp=START_AT + 600, Acct_Session_Time=600, Acct_Output_Octets=900,
    )  # fmt: skip
    accounting(
        radius, radclient, session, "Interim-Update",
        Event_Timestamp=START_AT + 300, Acct_Session_Time=300, Acct_Output_Octets=100,
    )  # fmt: skip
    row = RadAcct.objects.get()
    assert row.acctstoptime == at(START_AT + 600) and row.acctoutputoctets == 900


def test_interim_before_start_creates_the_session(radius, radclient):
    session = ['Acct-Session-Id = "S-200"', 'User-Name = "wf0002"']
    accounting(
        radius, radclient, session, "Interim-Update",
        Event_Timestamp=START_AT + 120, Acct_Session_Time=120, Acct_Output_Octets=77,
    )  # fmt: skip
    row = RadAcct.objects.get()
    assert row.acctstarttime == at(START_AT) and row.acctoutputoctets == 77
    # The Start arrives late: it sets the start time, the counters stay.
    accounting(radius, radclient, session, "Start", Event_Timestamp=START_AT + 1)
    row.refresh_from_db()
    assert row.acctstarttime == at(START_AT + 1) and row.acctoutputoctets == 77


def test_acct_delay_time_moves_the_event_back(radius, radclient):
    session = ['Acct-Session-Id = "S-300"', 'User-Name = "wf0003"']
    before = datetime.now(UTC)
    accounting(radius, radclient, session, "Start", Acct_Delay_Time=3600)
    row = RadAcct.objects.get()
    assert before - timedelta(seconds=3605) < row.acctstarttime < before - timedelta(seconds=3595)


def test_accounting_on_closes_the_sessions_the_nas_left_open(radius, radclient):
    for number in (1, 2):
        accounting(
            radius, radclient, [f'Acct-Session-Id = "S-40{number}"', 'User-Name = "wf0004"'],
            "Start", Event_Timestamp=START_AT,
        )  # fmt: skip
    accounting(radius, radclient, [], "Accounting-On", Event_Timestamp=START_AT + 900)
    rows = RadAcct.objects.all()
    assert [row.acctstoptime for row in rows] == [at(START_AT + 900)] * 2
    assert {row.acctterminatecause for row in rows} == {"NAS-Reboot"}
    assert {row.acctsessiontime for row in rows} == {900}


def test_accounting_off_closes_them_too(radius, radclient):
    accounting(
        radius, radclient, ['Acct-Session-Id = "S-500"', 'User-Name = "wf0005"'], "Start",
        Event_Timestamp=START_AT,
    )  # fmt: skip
    accounting(radius, radclient, [], "Accounting-Off", Event_Timestamp=START_AT + 60)
    assert RadAcct.objects.get().acctstoptime == at(START_AT + 60)


def test_acct_unique_id_is_freeradius_own(radius, radclient):
    accounting(
        radius, radclient, ['Acct-Session-Id = "S-600"', 'User-Name = "wf0006"'], "Start",
        Event_Timestamp=START_AT, NAS_Port=7,
    )  # fmt: skip
    import hashlib

    expected = hashlib.md5(b"wf0006,S-600,127.0.0.1,,,7").hexdigest()
    assert RadAcct.objects.get().acctuniqueid == expected
