"""The RFC 7011 reader on its own: templates, withdrawals, options templates, variable-length
and enterprise fields, padding, and what it refuses."""

import contextlib
import struct
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netpoint.provider.modules.nat import events, ipfix
from netpoint.provider.modules.nat.tests import exporter as x

AT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
EXPORTER = "192.0.2.1"


def template_set():
    return x.a_set(2, x.template_record(256, x.BLOCK_FIELDS))


def block(first=1024, last=1535):
    return x.block_event(16, AT, "10.0.0.5", "203.0.113.7", first, last)


def test_a_template_then_its_data_in_one_message():
    templates = ipfix.Templates()
    message = templates.read(
        EXPORTER, x.message(template_set(), x.a_set(256, block(), block(2048, 2559)))
    )
    assert [ipfix.unsigned(r[(0, 361)]) for r in message.records] == [1024, 2048]
    assert message.records[0][(0, 225)] == x.ipv4("203.0.113.7")


def test_data_before_its_template_is_skipped_and_read_once_the_template_is_known():
    templates = ipfix.Templates()
    early = templates.read(EXPORTER, x.message(x.a_set(256, block())))
    assert (early.records, early.skipped_sets) == ([], 1)
    templates.read(EXPORTER, x.message(template_set()))
    assert len(templates.read(EXPORTER, x.message(x.a_set(256, block()))).records) == 1


def test_templates_belong_to_their_exporter_and_observation_domain():
    templates = ipfix.Templates()
    templates.read(EXPORTER, x.message(template_set(), domain=1))
    data = x.a_set(256, block())
    assert templates.read(EXPORTER, x.message(data, domain=2)).records == []
    assert templates.read("192.0.2.2", x.message(data, domain=1)).records == []
    assert len(templates.read(EXPORTER, x.message(data, domain=1)).records) == 1


def test_a_template_not_sent_again_within_its_lifetime_expires():
    now = [1000.0]
    templates = ipfix.Templates(lifetime=1800, clock=lambda: now[0])
    templates.read(EXPORTER, x.message(template_set()))
    now[0] += 1700
    assert len(templates.read(EXPORTER, x.message(x.a_set(256, block()))).records) == 1
    templates.read(EXPORTER, x.message(template_set()))  # the refresh starts its life again
    now[0] += 1700
    assert len(templates.read(EXPORTER, x.message(x.a_set(256, block()))).records) == 1
    now[0] += 101
    expired = templates.read(EXPORTER, x.message(x.a_set(256, block())))
    assert (expired.records, expired.skipped_sets) == ([], 1)


def test_a_withdrawn_template_no_longer_reads_data():
    templates = ipfix.Templates()
    templates.read(EXPORTER, x.message(template_set()))
    templates.read(EXPORTER, x.message(x.a_set(2, x.withdrawal(256))))
    assert templates.read(EXPORTER, x.message(x.a_set(256, block()))).records == []


def test_withdrawing_all_templates_keeps_the_options_templates_apart():
    templates = ipfix.Templates()
    options = x.options_template_record(300, [(149, 4)], [(41, 8)])
    templates.read(EXPORTER, x.message(template_set(), x.a_set(3, options)))
    templates.read(EXPORTER, x.message(x.a_set(2, x.withdrawal(2))))
    assert templates.domains[(EXPORTER, 1)].keys() == {300}


def test_options_template_data_is_skipped_safely():
    templates = ipfix.Templates()
    options = x.options_template_record(300, [(149, 4)], [(41, 8)])
    record = struct.pack("!IQ", 1, 99)
    message = templates.read(
        EXPORTER,
        x.message(template_set(), x.a_set(3, options), x.a_set(300, record), x.a_set(256, block())),
    )
    assert len(message.records) == 1
    assert message.skipped_sets == 1


def test_variable_length_fields_short_and_long_and_enterprise_fields():
    fields = [(230, 1), (82, x.VARIABLE), (12345, x.VARIABLE, 2636), (361, 2)]
    long_name = b"n" * 300
    templates = ipfix.Templates()
    message = templates.read(
        EXPORTER,
        x.message(
            x.a_set(2, x.template_record(400, fields)),
            x.a_set(
                400,
                x.data_record(fields, [16, b"ge-0/0/1", long_name, 1024]),
                x.data_record(fields, [17, b"", b"x", 2048]),
            ),
        ),
    )
    first, second = message.records
    assert first[(0, 82)] == b"ge-0/0/1" and first[(2636, 12345)] == long_name
    assert ipfix.unsigned(first[(0, 361)]) == 1024
    assert second[(0, 82)] == b"" and ipfix.unsigned(second[(0, 230)]) == 17


def test_padding_after_the_records_is_not_a_record():
    templates = ipfix.Templates()
    data = x.a_set(256, block(), padding=3)
    message = templates.read(EXPORTER, x.message(template_set(), data))
    assert len(message.records) == 1


def test_reduced_size_encoding_of_unsigned_numbers():
    assert ipfix.unsigned(b"\x04\x00") == 1024
    assert ipfix.unsigned(b"\x00\x00\x00\x00\x00\x00\x04\x00") == 1024
    assert ipfix.unsigned(b"") is None
    assert ipfix.unsigned(b"\x01" * 9) is None


@pytest.mark.parametrize(
    "datagram",
    [
        b"",
        b"\x00\x0a\x00",
        struct.pack("!HHIII", 9, 16, 0, 0, 0),  # NetFlow v9
        struct.pack("!HHIII", 10, 40, 0, 0, 0),  # longer than the datagram
        struct.pack("!HHIII", 10, 15, 0, 0, 0),
        x.message(struct.pack("!HH", 2, 3)),  # a set shorter than its header
        x.message(struct.pack("!HH", 2, 200)),  # a set beyond the message
        x.message(x.a_set(2, struct.pack("!HH", 100, 1) + struct.pack("!HH", 8, 4))),  # id < 256
        x.message(x.a_set(2, struct.pack("!HH", 256, 2) + struct.pack("!HH", 8, 4))),  # cut
        x.message(x.a_set(2, struct.pack("!HH", 256, 1) + struct.pack("!HH", 8, 0))),  # 0 long
        x.message(x.a_set(3, struct.pack("!HHH", 300, 1, 0) + struct.pack("!HH", 8, 4))),
    ],
)
def test_malformed_messages_are_refused(datagram):
    with pytest.raises(ipfix.MalformedMessage):
        ipfix.Templates().read(EXPORTER, datagram)


def test_a_truncated_variable_length_field_is_refused():
    fields = [(82, x.VARIABLE)]
    templates = ipfix.Templates()
    templates.read(EXPORTER, x.message(x.a_set(2, x.template_record(400, fields))))
    with pytest.raises(ipfix.MalformedMessage):
        templates.read(EXPORTER, x.message(x.a_set(400, b"\x09abc")))


def test_an_exporter_cannot_fill_the_memory_with_templates():
    templates = ipfix.Templates()
    records = [x.template_record(256 + i, [(8, 4)]) for i in range(ipfix.MAX_TEMPLATES_PER_DOMAIN)]
    templates.read(EXPORTER, x.message(x.a_set(2, *records)))
    with pytest.raises(ipfix.MalformedMessage):
        templates.read(EXPORTER, x.message(x.a_set(2, x.template_record(5000, [(8, 4)]))))


def test_a_template_of_too_many_fields_is_refused():
    fields = [(8, 4)] * (ipfix.MAX_FIELDS_PER_TEMPLATE + 1)
    with pytest.raises(ipfix.MalformedMessage):
        ipfix.Templates().read(EXPORTER, x.message(x.a_set(2, x.template_record(256, fields))))


VALID = x.message(template_set(), x.a_set(256, block(), block(2048, 2559)))


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_either_read_or_are_refused(data):
    with contextlib.suppress(ipfix.MalformedMessage):
        ipfix.Templates().read(EXPORTER, data)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=6),
    st.integers(0, len(VALID)),
)
def test_mutated_and_truncated_messages_either_read_or_are_refused(flips, cut):
    data = bytearray(VALID)
    for at, value in flips:
        data[at] = value
    with contextlib.suppress(ipfix.MalformedMessage):
        message = ipfix.Templates().read(EXPORTER, bytes(data[:cut]))
        # What is read becomes a binding event or nothing; it never raises.
        for record in message.records:
            events.from_ipfix(record, EXPORTER, message.export_time)
