"""The captive portal end to end over HTTP: people verified by phone per second.

Usage: .venv/bin/python bench/portal.py [--quick] [--people 2000] [--clients 8] [--servers 1]

A fresh PostgreSQL database with the provider's schema gets one public Wi-Fi point whose NAS
is an openNDS gateway (FAS level 1). `--clients` threads each take their share of generated
people (distinct phones and MACs, so no hourly limit is hit) through the whole portal against
`--servers` `netpoint serve` processes: open the page as openNDS sends the browser (decoding
`fas`), send the phone form (a code stored hashed, the SMS written by the file gateway), read
the code from the gateway's file, send it (the person verified, the device registered) and get
the redirect to the gateway's auth URL, whose token is checked. Prints verifications/s and the
latency of each step; the last line is one JSON object.
"""

import argparse
import base64
import hashlib
import http.client
import json
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import provider_database, run_together, serve  # noqa: E402

FASKEY = "benchFasKey01"


def hotspot() -> int:
    import django

    django.setup()
    from netpoint.provider.modules.wifi import portal, services
    from netpoint.provider.registry.models import Enterprise, Point

    enterprise = Enterprise.objects.create(name="Công ty Đo Thử", tax_code="0100000099")
    point = Point.objects.create(
        enterprise=enterprise,
        code="HN-W900",
        name="Quán Cà Phê Đo Thử",
        point_type=Point.Type.WIFI,
        owner_name="Chủ Đo Thử",
        province_code=1,
        ward_code=4,
        street_address="1 Phố Đo",
    )
    nas = services.register_nas(point, "openNDS", "192.0.2.90", "bench-only-radius-secret-01")
    portal.configure_controller(nas, "opennds", FASKEY, fas_level=1)
    return nas.pk


class Outbox:
    """The file gateway's outbox, read as it grows: the latest code for each number."""

    def __init__(self, path: Path):
        self.path, self.offset, self.codes, self.lock = path, 0, {}, threading.Lock()

    def code_for(self, to: str) -> str:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with self.lock:
                if to in self.codes:
                    return self.codes.pop(to)
                if self.path.exists():
                    with self.path.open(encoding="utf-8") as lines:
                        lines.seek(self.offset)
                        for line in lines:
                            if line.endswith("\n"):
                                message = json.loads(line)
                                self.codes[message["to"]] = re.search(
                                    r"\b(\d{6})\b", message["text"]
                                ).group(1)
                                self.offset += len(line.encode())
            time.sleep(0.005)
        raise SystemExit(f"no code arrived for person {to[-4:]}")


def person(n: int) -> tuple[str, str, str]:
    """A generated mobile number (Vinaphone 091 range), a MAC and an openNDS hash id."""
    mac = ":".join(
        f"{b:02x}" for b in (0x02, 0x00, n >> 24 & 255, n >> 16 & 255, n >> 8 & 255, n & 255)
    )
    return f"091{n:07d}", mac, hashlib.sha256(f"hid{n}".encode()).hexdigest()


def walk(port, nas_id, people, outbox, timings, errors):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for n in people:
            phone, mac, hid = person(n)
            fas = (
                f"hid={hid}, clientip=10.1.0.2, clientmac={mac}, gatewayname=Do%20Thu, "
                "gatewayaddress=10.1.0.1:2050, authdir=opennds_auth, originurl="
            )
            query = urlencode({"fas": base64.b64encode(fas.encode()).decode()})
            started = time.perf_counter()
            connection.request("GET", f"/wifi/cong/{nas_id}/?{query}")
            page = connection.getresponse().read().decode()
            opened = time.perf_counter()
            client = re.search(r'name="client" value="([^"]+)"', page).group(1)
            form = urlencode({"phone": phone, "terms": "on", "client": client})
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            connection.request("POST", f"/wifi/cong/{nas_id}/dien-thoai/", form, headers)
            answer = connection.getresponse()
            answer.read()
            if answer.status != 302:
                errors.append(f"phone form answered {answer.status}")
                return
            code_path = answer.getheader("Location")
            sent = time.perf_counter()
            code = outbox.code_for("+84" + phone[1:])
            read = time.perf_counter()
            connection.request("POST", code_path, urlencode({"code": code}), headers)
            answer = connection.getresponse()
            answer.read()
            target = urlsplit(answer.getheader("Location") or "")
            tok = hashlib.sha256((hid + FASKEY).encode()).hexdigest()
            if answer.status != 302 or parse_qs(target.query).get("tok") != [tok]:
                errors.append(f"code answered {answer.status} {target.path}")
                return
            done = time.perf_counter()
            timings.append(
                (opened - started, sent - opened, done - read, done - started - (read - sent))
            )
    finally:
        connection.close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="400 people, within a minute")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--servers", type=int, default=1)
    args = parser.parse_args()
    total = 400 if args.quick else args.people
    with provider_database("netpoint_bench_portal") as (_db, env, servers):
        nas_id = hotspot()
        ports = serve(env, args.servers, servers)
        outbox = Outbox(Path(env["NETPOINT_DATA_DIR"]) / "sms" / "outbox.jsonl")
        timings: list[tuple] = []
        errors: list[str] = []
        shares = [range(c, total, args.clients) for c in range(args.clients)]
        threads = [
            threading.Thread(
                target=walk, args=(ports[c % len(ports)], nas_id, share, outbox, timings, errors)
            )
            for c, share in enumerate(shares)
        ]
        seconds = run_together(threads)
        if errors:
            raise SystemExit(f"the portal refused: {errors[0]}")
        from netpoint.provider.modules.wifi.models import WifiDevice, WifiUser

        if WifiUser.objects.count() != total or WifiDevice.objects.count() != total:
            raise SystemExit("not every person and device was stored")
        steps = {}
        for index, name in enumerate(("open_page", "phone_form", "code_form", "server_total")):
            values = [t[index] * 1000 for t in timings]
            steps[name] = {
                "p50_ms": round(statistics.median(values), 1),
                "p99_ms": round(percentile(values, 0.99), 1),
            }
            print(f"{name}: p50 {steps[name]['p50_ms']} ms, p99 {steps[name]['p99_ms']} ms")
        rate = total / seconds
        print(f"{total} people verified in {seconds:.1f} s: {rate:.0f}/s")
        figures = {
            "people": total,
            "clients": args.clients,
            "servers": args.servers,
            "seconds": round(seconds, 2),
            "verified_per_s": round(rate, 1),
            "steps": steps,
        }
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
