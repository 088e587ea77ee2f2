from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from netpoint.point.accesslog import generate, parsers
from netpoint.point.accesslog.parsers import IGNORED, Stamps

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)
AT = datetime(2026, 3, 10, 3, 0, 1, tzinfo=UTC)  # 10:00:01 in Hà Nội
UNIX = int(AT.timestamp())


@pytest.fixture
def stamps():
    return Stamps(ZONE, NOW)


def test_a_dnsmasq_query_is_an_access_in_the_gateways_zone(stamps):
    line = "Mar 10 10:00:01 dnsmasq[512]: query[A] Chat.Zalo.me from 192.168.1.21"
    assert parsers.dnsmasq(line, stamps) == (UNIX, "192.168.1.21", "chat.zalo.me", 0)


def test_dnsmasq_extra_logging_and_ipv6_clients_are_read(stamps):
    line = "Mar 10 10:00:01 dnsmasq[512]: 77 fd00::21/40000 query[AAAA] vnexpress.net from fd00::21"
    assert parsers.dnsmasq(line, stamps) == (UNIX, "fd00::21", "vnexpress.net", 0)


def test_dnsmasq_replies_forwards_and_reverse_lookups_are_no_access(stamps):
    for message in (
        "reply vnexpress.net is 203.0.113.7",
        "forwarded vnexpress.net to 8.8.8.8",
        "query[PTR] 21.1.168.192.in-addr.arpa from 192.168.1.21",
    ):
        assert parsers.dnsmasq(f"Mar 10 10:00:01 dnsmasq[512]: {message}", stamps) == IGNORED


def test_a_december_line_read_in_january_belongs_to_last_year():
    january = Stamps(ZONE, datetime(2027, 1, 1, 0, 5, tzinfo=UTC))
    at = january.bsd("Dec 31 23:59:59")
    assert datetime.fromtimestamp(at, ZONE) == datetime(2026, 12, 31, 23, 59, 59, tzinfo=ZONE)


def test_squid_connect_and_get_name_host_and_port(stamps):
    connect = generate.squid_line(AT, "192.168.1.21", "www.facebook.com", 443)
    get = generate.squid_line(AT, "192.168.1.22", "tiki.vn", 80)
    assert parsers.squid(connect, stamps) == (UNIX, "192.168.1.21", "www.facebook.com", 443)
    assert parsers.squid(get, stamps) == (UNIX, "192.168.1.22", "tiki.vn", 80)
    ftp = f"{UNIX}.5 9 192.168.1.23 TCP_MISS/200 10 GET ftp://files.example.vn:2121/a - HIER_NONE/-"
    assert parsers.squid(ftp, stamps) == (UNIX, "192.168.1.23", "files.example.vn", 2121)


def test_a_request_squid_refused_reached_nothing(stamps):
    line = f"{UNIX}.5 0 192.168.1.21 TCP_DENIED/403 3 CONNECT blocked.example:443 - HIER_NONE/- -"
    assert parsers.squid(line, stamps) == IGNORED


def test_rfc3164_carrying_dnsmasq(stamps):
    packet = generate.syslog3164(AT, "dnsmasq[512]", "query[A] tuoitre.vn from 192.168.1.30")
    assert parsers.syslog(packet, stamps) == (UNIX, "192.168.1.30", "tuoitre.vn", 0)


def test_rfc5424_carrying_squid_with_structured_data(stamps):
    line = generate.squid_line(AT, "192.168.1.31", "shopee.vn", 443)
    assert parsers.syslog(generate.syslog5424(AT, "squid", line), stamps) == (
        UNIX,
        "192.168.1.31",
        "shopee.vn",
        443,
    )


def test_a_routers_firewall_line_names_the_station_and_the_port(stamps):
    message = generate.netfilter_message("192.168.1.40", "203.0.113.5", 5222)
    expected = (UNIX, "192.168.1.40", "203.0.113.5", 5222)
    assert parsers.syslog(generate.syslog3164(AT, "kernel", message), stamps) == expected
    assert parsers.syslog(generate.syslog5424(AT, "kernel", message), stamps) == expected


def test_a_reply_from_outside_is_not_an_access(stamps):
    message = generate.netfilter_message("14.225.7.9", "192.168.1.40", 50123)
    assert parsers.syslog(generate.syslog3164(AT, "kernel", message), stamps) == IGNORED


@pytest.mark.parametrize("line", generate.GARBAGE[1:])
@pytest.mark.parametrize("parse", [parsers.dnsmasq, parsers.squid, parsers.syslog])
def test_garbage_is_unreadable_never_an_error(parse, line, stamps):
    assert parse(line, stamps) in (None, IGNORED)
    assert not parse(line, stamps)


@pytest.mark.parametrize(
    "packet",
    [
        "<30>Feb 30 10:00:01 router dnsmasq[1]: query[A] a.vn from 192.168.1.2",
        "<30>1 yesterday router dnsmasq - - - query[A] a.vn from 192.168.1.2",
        "<30>1 2026-03-10T03:00:01 router dnsmasq - - - query[A] a.vn from 192.168.1.2",
        "<30>Mar 10 10:00:01 router dnsmasq[1]: query[A] a.vn from 300.1.1.1",
        "<30>Mar 10 10:00:01 router kernel: SRC=192.168.1.2 DST=nowhere DPT=80",
        "<x>Mar 10 10:00:01 router dnsmasq[1]: query[A] a.vn from 192.168.1.2",
    ],
)
def test_malformed_syslog_is_unreadable(packet, stamps):
    assert parsers.syslog(packet, stamps) is None
