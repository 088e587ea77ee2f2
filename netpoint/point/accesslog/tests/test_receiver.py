"""The syslog receiver on loopback: a router's messages over UDP and TCP become access records."""

import asyncio
import socket
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Sum

from netpoint.point.accesslog import generate
from netpoint.point.accesslog.models import AccessRecord, LogSource
from netpoint.point.accesslog.receiver import Receiver, serve
from netpoint.point.sessions import services as sessions

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receiving(clock, cafe, make_customer):
    """A receiver on loopback, and the session at M01 (192.168.1.21) it attributes to."""
    cafe["m1"].ip = "192.168.1.21"
    cafe["m1"].save()
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=20))
    ports, bound = {}, threading.Event()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    def ready(udp, tcp):
        ports.update(udp=udp, tcp=tcp)
        bound.set()

    def run():
        loop.run_until_complete(
            serve(
                Receiver(),
                udp=("127.0.0.1", 0),
                tcp=("127.0.0.1", 0),
                stop=stop,
                flush_seconds=0.05,
                ready=ready,
            )
        )
        loop.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert bound.wait(10)

    def finish():
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)

    yield {"session": session, "ports": ports, "finish": finish, "at": clock.now()}
    if thread.is_alive():
        finish()


def test_udp_and_tcp_messages_in_both_formats_become_records(receiving):
    at = receiving["at"] - timedelta(minutes=5)
    query = generate.syslog3164(at, "dnsmasq[512]", "query[A] chat.zalo.me from 192.168.1.21")
    squid = generate.syslog5424(
        at, "squid", generate.squid_line(at, "192.168.1.21", "vnexpress.net", 443)
    )
    firewall = generate.syslog3164(
        at, "kernel", generate.netfilter_message("192.168.1.21", "203.0.113.5", 5222)
    )
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        for _ in range(3):
            udp.sendto(query.encode(), ("127.0.0.1", receiving["ports"]["udp"]))
        udp.sendto(b"<13>garbage from a confused device", ("127.0.0.1", receiving["ports"]["udp"]))
    with socket.create_connection(("127.0.0.1", receiving["ports"]["tcp"])) as tcp:
        framed = squid.encode()
        tcp.sendall(f"{len(framed)} ".encode() + framed)  # octet counting
        tcp.sendall(firewall.encode() + b"\n")  # one message a line
        tcp.sendall(firewall.encode() + b"\n")
    receiving["finish"]()
    rows = AccessRecord.objects.values("destination", "service").annotate(n=Sum("count"))
    assert Counter({(r["destination"], r["service"]): r["n"] for r in rows}) == Counter(
        {("chat.zalo.me", "chat"): 3, ("vnexpress.net", "web"): 1, ("203.0.113.5", "chat"): 2}
    )
    assert set(AccessRecord.objects.values_list("session", flat=True)) == {receiving["session"].pk}
    source = LogSource.objects.get(name="syslog")
    assert (source.lines, source.unparsed) == (7, 1)
    assert source.sample == ["<13>garbage from a confused device"]


def test_a_sender_that_breaks_the_framing_only_loses_its_connection(receiving):
    port = receiving["ports"]["tcp"]
    with socket.create_connection(("127.0.0.1", port)) as tcp:
        tcp.sendall(b"99999999 " + b"x" * 100)
    at = receiving["at"] - timedelta(minutes=1)
    query = generate.syslog3164(at, "dnsmasq[512]", "query[A] tiki.vn from 192.168.1.21")
    with socket.create_connection(("127.0.0.1", port)) as tcp:
        tcp.sendall(query.encode() + b"\n")
    receiving["finish"]()
    assert AccessRecord.objects.get().destination == "tiki.vn"


def test_the_receiver_also_forgets_records_past_retention(clock, cafe, make_customer):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    AccessRecord.objects.create(
        session=session, minute=clock.now(), service="web", destination="tiki.vn", count=1
    )
    clock.advance(timedelta(days=31))
    Receiver().flush()
    assert not AccessRecord.objects.exists()
