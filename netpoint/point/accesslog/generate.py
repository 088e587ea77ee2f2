"""Generated gateway log lines in the real formats, for tests and the benchmark (no real
person's traffic): what dnsmasq, Squid and a router's syslog write for a café's stations."""

import random
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

DESTINATIONS = [
    ("www.facebook.com", 443),
    ("chat.zalo.me", 443),
    ("vnexpress.net", 443),
    ("dantri.com.vn", 443),
    ("mail.google.com", 443),
    ("www.youtube.com", 443),
    ("lienquan.garena.vn", 443),
    ("shopee.vn", 443),
    ("tiki.vn", 80),
    ("www.fshare.vn", 443),
    ("discord.com", 443),
    ("tuoitre.vn", 443),
]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
GARBAGE = [
    "",
    "\x00\x01\x02 binary noise",
    "dnsmasq[512]: query[A] missing-timestamp.vn from 192.168.1.21",
    "Mar 10 10:00:01 dnsmasq[512]: query[A] bad-client.vn from not-an-ip",
    "1773111601.123 152 192.168.1.21 TCP_MISS/200",
    "<999999>garbage",
    "just some words",
]


def bsd_stamp(at: datetime) -> str:
    local = at.astimezone(ZONE)
    return f"{local:%b} {local.day:2d} {local:%H:%M:%S}"


def dnsmasq_line(at: datetime, client: str, name: str, qtype: str = "A") -> str:
    return f"{bsd_stamp(at)} dnsmasq[512]: query[{qtype}] {name} from {client}"


def dnsmasq_reply(at: datetime, name: str) -> str:
    return f"{bsd_stamp(at)} dnsmasq[512]: reply {name} is 203.0.113.7"


def squid_line(at: datetime, client: str, host: str, port: int) -> str:
    if port == 443:
        method, url, result = "CONNECT", f"{host}:443", "TCP_TUNNEL/200"
    else:
        method, url, result = "GET", f"http://{host}/trang-chu.html", "TCP_MISS/200"
    return (
        f"{at.timestamp():.3f}    152 {client} {result} 3918 {method} {url} - "
        f"HIER_DIRECT/203.0.113.7 text/html"
    )


def syslog3164(at: datetime, tag: str, message: str) -> str:
    return f"<30>{bsd_stamp(at)} router {tag}: {message}"


def syslog5424(at: datetime, app: str, message: str) -> str:
    stamp = at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return f'<30>1 {stamp} router {app} - - [meta sequenceId="1"] {message}'


def netfilter_message(client: str, destination: str, port: int) -> str:
    return (
        f"[12345.678] FW-OUT IN=br-lan OUT=eth0 MAC=aa:bb SRC={client} DST={destination} LEN=60 "
        f"TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=TCP SPT=50123 DPT={port} WINDOW=64240 SYN"
    )


def lines(kind: str, clients: list[str], start: datetime, count: int, seed: int = 1):
    """`count` lines of `kind` (dnsmasq or squid), one every 10 ms from `start`, from the
    clients in turn; dnsmasq's replies come between its queries as they do."""
    rng = random.Random(seed)
    step = 0.01
    for n in range(count):
        at = datetime.fromtimestamp(start.timestamp() + n * step, UTC)
        client = clients[n % len(clients)]
        host, port = DESTINATIONS[rng.randrange(len(DESTINATIONS))]
        if kind == "dnsmasq":
            yield dnsmasq_line(at, client, host) if n % 4 else dnsmasq_reply(at, host)
        else:
            yield squid_line(at, client, host, port)
