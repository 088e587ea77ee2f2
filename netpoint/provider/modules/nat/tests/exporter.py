"""A small IPFIX exporter for the tests: real RFC 7011 messages (header, template, options
template and data sets, withdrawals, variable-length fields) built field by field."""

import ipaddress
import struct
from datetime import datetime

VARIABLE = 65535

# RFC 8158 port block allocation / de-allocation records.
BLOCK_FIELDS = [
    (323, 8),  # observationTimeMilliseconds
    (230, 1),  # natEvent
    (8, 4),  # sourceIPv4Address
    (225, 4),  # postNATSourceIPv4Address
    (361, 2),  # portRangeStart
    (362, 2),  # portRangeEnd
]
# RFC 8158 NAT44 session create / delete records.
SESSION_FIELDS = [
    (323, 8),
    (230, 1),
    (4, 1),  # protocolIdentifier
    (8, 4),
    (225, 4),
    (7, 2),  # sourceTransportPort
    (227, 2),  # postNAPTSourceTransportPort
]


def ipv4(text: str) -> bytes:
    return ipaddress.IPv4Address(text).packed


def millis(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _value(value, length: int) -> bytes:
    raw = value if isinstance(value, bytes) else value.to_bytes(length, "big")
    if length != VARIABLE:
        assert len(raw) == length
        return raw
    if len(raw) < 255:
        return bytes([len(raw)]) + raw
    return b"\xff" + struct.pack("!H", len(raw)) + raw


def template_record(template_id: int, fields: list[tuple]) -> bytes:
    """`fields`: (element, length) or (element, length, enterprise number)."""
    body = struct.pack("!HH", template_id, len(fields))
    for spec in fields:
        element, length, *enterprise = spec
        if enterprise:
            body += struct.pack("!HHI", element | 0x8000, length, enterprise[0])
        else:
            body += struct.pack("!HH", element, length)
    return body


def options_template_record(template_id: int, scope: list, fields: list) -> bytes:
    body = struct.pack("!HHH", template_id, len(scope) + len(fields), len(scope))
    for element, length in scope + fields:
        body += struct.pack("!HH", element, length)
    return body


def withdrawal(template_id: int) -> bytes:
    return struct.pack("!HH", template_id, 0)


def data_record(fields: list[tuple], values: list) -> bytes:
    return b"".join(_value(v, spec[1]) for spec, v in zip(fields, values, strict=True))


def a_set(set_id: int, *records: bytes, padding: int = 0) -> bytes:
    body = b"".join(records) + b"\0" * padding
    return struct.pack("!HH", set_id, 4 + len(body)) + body


def message(*sets: bytes, domain: int = 1, sequence: int = 0, export_time: int = 0) -> bytes:
    body = b"".join(sets)
    return struct.pack("!HHIII", 10, 16 + len(body), export_time, sequence, domain) + body


def block_event(event: int, at: datetime, private: str, public: str, first: int, last: int):
    return data_record(BLOCK_FIELDS, [millis(at), event, ipv4(private), ipv4(public), first, last])


def session_event(event: int, at: datetime, private: str, public: str, port: int, inside=5000):
    return data_record(
        SESSION_FIELDS, [millis(at), event, 6, ipv4(private), ipv4(public), inside, port]
    )
