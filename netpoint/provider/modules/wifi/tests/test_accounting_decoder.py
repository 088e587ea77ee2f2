"""The Accounting-Request decoder of the server's hot path, against pyrad's encoder: what it
accepts, what it refuses, and the reply it signs."""

import hashlib

import pytest
from pyrad import packet as rp

from netpoint.provider.modules.wifi import accounting

SECRET = b"bi-mat-bo-giai-ma-thu-nghiem"
START_AT = 1_773_111_600


def request(**attributes) -> rp.AcctPacket:
    packet = rp.AcctPacket(secret=SECRET, dict=accounting.DICTIONARY)
    packet["Acct-Status-Type"] = "Interim-Update"
    packet["Acct-Session-Id"] = "S-1"
    packet["User-Name"] = "wf0001"
    packet["NAS-IP-Address"] = "192.0.2.10"
    packet["Event-Timestamp"] = START_AT + 300
    for name, value in attributes.items():
        packet[name.replace("_", "-")] = value
    return packet


def signed(attributes: bytes, code: int = 4, identifier: int = 9) -> bytes:
    """A packet with these raw attributes and a right Request Authenticator."""
    header = bytes([code, identifier]) + (20 + len(attributes)).to_bytes(2, "big")
    digest = hashlib.md5(header + bytes(16) + attributes + SECRET).digest()
    return header + digest + attributes


def test_a_request_decodes_to_the_attributes_radacct_needs():
    found = accounting.accounting_request(request().RequestPacket(), SECRET)
    assert found[accounting.SESSION_ID] == b"S-1"
    assert found[accounting.USER_NAME] == b"wf0001"
    assert found[accounting.NAS_IP_ADDRESS] == bytes([192, 0, 2, 10])
    assert found[accounting.STATUS_TYPE] == (3).to_bytes(4, "big")


def test_the_report_equals_the_one_from_pyrads_decoding():
    raw = request(
        Acct_Session_Time=300, Acct_Input_Octets=7, Acct_Input_Gigawords=3,
        Acct_Output_Octets=9, Acct_Output_Gigawords=1, NAS_Port=12,
        Calling_Station_Id="aa:bb:cc:00:11:22", Framed_IP_Address="10.0.0.7",
        NAS_Port_Type="Wireless-802.11", Class=b"\x01\x02",
    ).RequestPacket()  # fmt: skip
    decoded = rp.AcctPacket(secret=SECRET, dict=accounting.DICTIONARY, packet=raw)
    from_pyrad = {code: values[0] for code, values in decoded.items() if isinstance(code, int)}
    fast = accounting.report(accounting.accounting_request(raw, SECRET), "192.0.2.10", 0.0)
    assert fast == accounting.report(from_pyrad, "192.0.2.10", 0.0)
    row = fast.row
    assert row.acctinputoctets == 3 * 2**32 + 7
    assert row.acctoutputoctets == 2**32 + 9
    assert row.callingstationid == "AA-BB-CC-00-11-22" and row.framedipaddress == "10.0.0.7"
    assert row.nasportid == "12" and row.nasporttype == "Wireless-802.11" and row.class_ == "0102"


def test_the_unique_id_is_freeradius_own():
    found = accounting.accounting_request(request(NAS_Port=7).RequestPacket(), SECRET)
    report = accounting.report(found, "192.0.2.10", 0.0)
    assert report.row.acctuniqueid == hashlib.md5(b"wf0001,S-1,192.0.2.10,,,7").hexdigest()


def test_a_wrong_secret_or_a_changed_octet_is_refused():
    raw = request().RequestPacket()
    assert accounting.accounting_request(raw, b"mot-bi-mat-khac-han") is None
    changed = bytearray(raw)
    changed[-1] ^= 1
    assert accounting.accounting_request(bytes(changed), SECRET) is None


def test_only_accounting_requests_are_decoded():
    assert accounting.accounting_request(signed(b"", code=1), SECRET) is None
    assert accounting.accounting_request(signed(b"", code=5), SECRET) is None


def test_vendor_specific_attributes_are_skipped_and_what_follows_is_read():
    vendor = bytes([26, 12]) + (14988).to_bytes(4, "big") + bytes([1, 6]) + b"abcd"
    session = bytes([44, 5]) + b"S-2"
    found = accounting.accounting_request(signed(vendor + session), SECRET)
    assert found[accounting.SESSION_ID] == b"S-2"
    assert accounting.report(found | {40: (1).to_bytes(4, "big")}, "192.0.2.1", 0.0)


def test_the_first_of_repeated_attributes_counts():
    found = accounting.accounting_request(signed(b"\x2c\x03A\x2c\x03B"), SECRET)
    assert found[accounting.SESSION_ID] == b"A"


def test_octets_after_the_length_are_padding():
    raw = request().RequestPacket()
    found = accounting.accounting_request(raw + b"\x00" * 7, SECRET)
    assert found[accounting.SESSION_ID] == b"S-1"


@pytest.mark.parametrize(
    "attributes",
    [
        b"\x2c\x01",  # an attribute shorter than its own header
        b"\x2c\x00",  # length zero: a parser that trusts it loops forever
        b"\x2c\x09abc",  # longer than the packet
        b"\x2c\x05S-3\x2c",  # a header cut in half
    ],
    ids=["too-short", "zero", "overrun", "cut-header"],
)
def test_malformed_attribute_lengths_are_refused(attributes):
    with pytest.raises(ValueError):
        accounting.accounting_request(signed(attributes), SECRET)


def test_a_length_field_longer_than_the_datagram_is_refused():
    raw = bytearray(signed(b"\x2c\x05S-3"))
    raw[2:4] = (len(raw) + 4).to_bytes(2, "big")
    with pytest.raises(ValueError):
        accounting.accounting_request(bytes(raw), SECRET)
    raw[2:4] = (19).to_bytes(2, "big")
    with pytest.raises(ValueError):
        accounting.accounting_request(bytes(raw), SECRET)
    with pytest.raises(ValueError):
        accounting.accounting_request(bytes(raw[:19]), SECRET)


def test_the_response_is_one_pyrad_verifies():
    packet = request()
    raw = packet.RequestPacket()
    reply = accounting.accounting_response(raw, SECRET)
    decoded = packet.CreateReply(packet=reply)
    assert decoded.code == rp.AccountingResponse and decoded.id == packet.id
    assert packet.VerifyReply(decoded, reply)
    assert not packet.VerifyReply(decoded, accounting.accounting_response(raw, b"khac-bi-mat"))
