"""IPFIX records and syslog lines as the bindings they open and close."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from netpoint.provider.modules.nat import events, ipfix
from netpoint.provider.modules.nat.events import CLOSE, OPEN, BindingEvent
from netpoint.provider.modules.nat.tests import exporter as x

AT = datetime(2026, 11, 20, 8, 0, 0, 250000, tzinfo=UTC)
ARRIVED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
GATEWAY = "192.0.2.1"


def records(fields, *rows):
    templates = ipfix.Templates()
    message = templates.read(
        GATEWAY,
        x.message(
            x.a_set(2, x.template_record(256, fields)),
            x.a_set(256, *(x.data_record(fields, row) for row in rows)),
            export_time=1_700_000_000,
        ),
    )
    return [events.from_ipfix(r, GATEWAY, message.export_time) for r in message.records]


def test_port_block_allocation_and_de_allocation():
    allocated = records(x.BLOCK_FIELDS, [x.millis(AT), 16, x.ipv4("10.0.0.5"),
                                         x.ipv4("203.0.113.7"), 1024, 1535])  # fmt: skip
    released = records(x.BLOCK_FIELDS, [x.millis(AT), 17, x.ipv4("10.0.0.5"),
                                        x.ipv4("203.0.113.7"), 1024, 1535])  # fmt: skip
    expected = BindingEvent(OPEN, GATEWAY, "203.0.113.7", 1024, 1535, "10.0.0.5", AT)
    assert allocated == [expected]
    assert released[0].action == CLOSE and released[0].port_last == 1535


def test_a_nat44_session_is_a_binding_of_its_one_port():
    [created] = records(
        x.SESSION_FIELDS,
        [x.millis(AT), 4, 17, x.ipv4("10.0.0.6"), x.ipv4("203.0.113.7"), 5353, 40000],
    )
    assert (created.action, created.port_first, created.port_last) == (OPEN, 40000, 40000)
    assert created.protocol == 17 and created.private_ip == "10.0.0.6"


def test_a_block_given_by_its_size_and_the_export_time_when_the_record_has_none():
    fields = [(230, 1), (8, 4), (225, 4), (361, 2), (364, 2)]
    [event] = records(fields, [16, x.ipv4("10.0.0.5"), x.ipv4("203.0.113.7"), 2048, 512])
    assert (event.port_first, event.port_last) == (2048, 2559)
    assert event.at == datetime.fromtimestamp(1_700_000_000, UTC)


def test_events_that_bind_nothing_are_not_events():
    fields = [(230, 1), (8, 4), (225, 4), (361, 2), (362, 2)]
    exhausted = [3, x.ipv4("10.0.0.5"), x.ipv4("203.0.113.7"), 0, 0]
    backwards = [16, x.ipv4("10.0.0.5"), x.ipv4("203.0.113.7"), 2000, 1000]
    assert records(fields, exhausted, backwards) == [None, None]
    without_public = [(230, 1), (8, 4), (361, 2), (362, 2)]
    assert records(without_public, [16, x.ipv4("10.0.0.5"), 1, 2]) == [None]


def test_junos_port_block_lines():
    line = (
        "<14>1 2026-11-20T15:00:00.250+07:00 mx-nat (FPC Slot 2, PIC Slot 0) - - - "
        "JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 203.0.113.7:1024-1535 0x691ea720"
    )
    assert events.from_syslog(line, GATEWAY, ARRIVED) == [
        BindingEvent(OPEN, GATEWAY, "203.0.113.7", 1024, 1535, "10.0.0.5", AT)
    ]
    released = line.replace("BLOCK_ALLOC", "BLOCK_RELEASE")
    assert events.from_syslog(released, GATEWAY, ARRIVED)[0].action == CLOSE
    interim = line.replace("BLOCK_ALLOC", "BLOCK_ACTIVE")
    assert events.from_syslog(interim, GATEWAY, ARRIVED)[0].action == OPEN


def test_ios_xr_cgn_lines_carry_several_events():
    line = (
        "<134>1 2026-11-20T08:00:00.25Z cgn01 - - - - "
        "[UserbasedA TCP 10.0.0.5 Inside-VRF - 203.0.113.7 - 1024 1535 - -]"
        "[UserbasedW UDP 10.0.0.6 Inside-VRF - 203.0.113.8 - 2048 2559 - -]"
        "[SessionbasedA TCP 10.0.0.7 Inside-VRF - 203.0.113.9 40000 3000 - - -]"
    )
    found = events.from_syslog(line, GATEWAY, ARRIVED)
    assert [(e.action, e.private_ip, e.port_first, e.port_last, e.protocol) for e in found] == [
        (OPEN, "10.0.0.5", 1024, 1535, 6),
        (CLOSE, "10.0.0.6", 2048, 2559, 17),
        (OPEN, "10.0.0.7", 3000, 3000, 6),
    ]
    assert {e.at for e in found} == {AT}


def test_asa_lines_and_the_arrival_time_when_the_line_has_no_timestamp():
    line = (
        "<166>Nov 20 2026 15:00:00: %ASA-6-305014: Allocated TCP block of ports for translation "
        "from inside:10.0.0.5 to outside:203.0.113.7/1024-1535."
    )
    [event] = events.from_syslog(line, GATEWAY, ARRIVED)
    assert (event.action, event.public_ip, event.port_last, event.at) == (
        OPEN,
        "203.0.113.7",
        1535,
        ARRIVED,
    )
    released = line.replace("305014: Allocated", "305015: Released")
    assert events.from_syslog(released, GATEWAY, ARRIVED)[0].action == CLOSE


def test_other_lines_and_impossible_values_give_nothing():
    assert events.from_syslog("kernel: eth0 link up", GATEWAY, ARRIVED) == []
    bad = "JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.500 -> 203.0.113.7:1024-1535 0x1"
    assert events.from_syslog(bad, GATEWAY, ARRIVED) == []
    ports = "JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 203.0.113.7:1535-70000 0x1"
    assert events.from_syslog(ports, GATEWAY, ARRIVED) == []


JUNOS_LINE = "JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 203.0.113.7:1024-1535 0x1"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.integers(0, len(JUNOS_LINE)), st.text(max_size=20))
def test_any_text_gives_events_or_nothing_and_never_raises(noise, cut, insert):
    for line in (noise, JUNOS_LINE[:cut] + insert + JUNOS_LINE[cut:]):
        for event in events.from_syslog(line, GATEWAY, ARRIVED):
            assert 0 <= event.port_first <= event.port_last <= 65535
