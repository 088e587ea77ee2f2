"""The collector over UDP on loopback, driven by the test exporter (real RFC 7011 messages)
and by syslog datagrams; fuzzed datagrams never stop it."""

import random
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netpoint.provider.modules.nat import services
from netpoint.provider.modules.nat.models import Binding
from netpoint.provider.modules.nat.tests import exporter as x

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
TEMPLATES = x.a_set(
    2, x.template_record(256, x.BLOCK_FIELDS), x.template_record(257, x.SESSION_FIELDS)
)


def stored(collector, count: int):
    assert collector.wait_stored(count), f"not stored: {collector.stats}"
    return list(Binding.objects.order_by("started_at", "port_first"))


def test_port_blocks_allocated_and_released_over_ipfix(collector, send):
    allocate = x.block_event(16, T0, "10.0.0.5", "203.0.113.7", 1024, 1535)
    allocate_more = x.block_event(16, T0, "10.0.0.6", "203.0.113.7", 1536, 2047)
    release = x.block_event(17, T0 + timedelta(hours=1), "10.0.0.5", "203.0.113.7", 1024, 1535)
    send(collector.ipfix_port, x.message(TEMPLATES, x.a_set(256, allocate, allocate_more)))
    stored(collector, 2)
    send(collector.ipfix_port, x.message(x.a_set(256, release), sequence=2))
    first, second = stored(collector, 3)
    assert (str(first.public_ip), first.port_first, first.port_last) == ("203.0.113.7", 1024, 1535)
    assert first.ended_at == T0 + timedelta(hours=1) and second.ended_at is None
    [behind] = services.behind("203.0.113.7", 1600, T0 + timedelta(minutes=5))
    assert behind.binding.private_ip == "10.0.0.6"


def test_nat44_sessions_over_ipfix_are_one_port_bindings(collector, send):
    create = x.session_event(4, T0, "10.0.0.7", "203.0.113.7", 40000)
    delete = x.session_event(5, T0 + timedelta(seconds=90), "10.0.0.7", "203.0.113.7", 40000)
    send(collector.ipfix_port, x.message(TEMPLATES, x.a_set(257, create)))
    stored(collector, 1)
    send(collector.ipfix_port, x.message(x.a_set(257, delete)))
    [binding] = stored(collector, 2)
    assert (binding.port_first, binding.port_last, binding.protocol) == (40000, 40000, 6)
    assert binding.ended_at == T0 + timedelta(seconds=90)


def test_data_after_a_template_withdrawal_is_not_stored(collector, send):
    send(collector.ipfix_port, x.message(TEMPLATES), x.message(x.a_set(2, x.withdrawal(256))))
    late = x.block_event(16, T0, "10.0.0.5", "203.0.113.7", 1024, 1535)
    session = x.session_event(4, T0, "10.0.0.7", "203.0.113.7", 40000)
    send(collector.ipfix_port, x.message(x.a_set(256, late), x.a_set(257, session)))
    [binding] = stored(collector, 1)
    assert binding.port_first == 40000


def test_port_blocks_over_syslog(collector, send):
    line = (
        "<14>1 2026-11-20T15:00:00+07:00 mx-nat - - - - "
        "JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 203.0.113.7:1024-1535 0x1"
    )
    send(collector.syslog_port, line.encode(), b"<14>kernel: nothing about NAT")
    [binding] = stored(collector, 1)
    assert (binding.started_at, str(binding.private_ip)) == (T0, "10.0.0.5")
    assert collector.stats.ignored_records == 1


def test_messages_from_an_unregistered_address_are_dropped(collector, send):
    message = x.message(TEMPLATES, x.a_set(256, x.block_event(16, T0, "10.0.0.5", PUB, 1, 2)))
    send(collector.ipfix_port, message, source="127.0.0.2")
    send(collector.syslog_port, b"JSERVICES_NAT_PORT_BLOCK_ALLOC: 10.0.0.5 -> 1.2.3.4:1-2",
         source="127.0.0.2")  # fmt: skip
    # What the registered gateway sends next is stored: nothing before it was.
    send(collector.ipfix_port, message)
    [binding] = stored(collector, 1)
    assert collector.stats.dropped == 2 and binding.port_last == 2


PUB = "203.0.113.7"
VALID = x.message(
    TEMPLATES,
    x.a_set(256, x.block_event(16, T0, "10.0.0.5", PUB, 1024, 1535)),
    x.a_set(257, x.session_event(4, T0, "10.0.0.7", PUB, 40000)),
)


def mutated(rng: random.Random) -> bytes:
    data = bytearray(VALID)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data[: rng.randint(0, len(data))])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    noise=st.lists(st.binary(max_size=200), max_size=20),
    seed=st.integers(0, 2**32 - 1),
)
def test_fuzzed_datagrams_never_stop_the_collector(run_collector, gateway, send, noise, seed):
    collector = run_collector()
    rng = random.Random(seed)
    send(collector.ipfix_port, *noise, *(mutated(rng) for _ in range(30)))
    send(collector.syslog_port, *noise, *(mutated(rng) for _ in range(5)))
    # A fresh observation domain: whatever the noise taught the collector does not apply.
    send(collector.ipfix_port, x.message(TEMPLATES, x.a_set(257, x.session_event(
        4, T0, "10.0.0.99", PUB, 61000)), domain=999))  # fmt: skip
    assert collector.wait_stored(collector.stats.events or 1)
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    while not Binding.objects.filter(private_ip="10.0.0.99").exists():
        assert datetime.now(UTC) < deadline, f"the collector stopped serving: {collector.stats}"
        collector.wait_stored(collector.stats.events, timeout=0.2)
    assert collector.writer.is_alive()
    Binding.objects.all().delete()
