"""Send-policy checks per second with PostgreSQL: through the service, and over HTTP against
`netpoint serve` processes, each against a reference measured in the same run.

Usage: .venv/bin/python bench/sendcheck.py [--quick] [--checks 400000] [--recipients 1000000]
       [--batch 1000] [--servers 2] [--clients 4] [--channel email]

A fresh database gets the provider's schema, one advertiser with an API token, a Do-Not-Call
list and opt-outs covering 1% of the recipients each. Each check names a recipient drawn at
random from `--recipients` (a separate set for each run, so caps are reached for some),
e-mail by default (no sending hours: most checks are allowed and so recorded, the expensive
case). The service figure is one process calling `check_sends` in batches; the HTTP figure
is `--clients` threads posting JSON batches to `--servers` server processes. The references
are the same number of bare round trips (`SELECT 1` on the same connection; the same bodies
refused with 401 over HTTP), so what remains is the checks' own cost. The last line is one
JSON object with the figures.
"""

import argparse
import http.client
import json
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import provider_database, run_together, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def recipients_of(channel: str, count: int) -> list[str]:
    if channel == "email":
        return [f"nguoi.nhan.{n}@vi-du.vn" for n in range(count)]
    return [f"09{n:08d}" for n in range(count)]


def setup(channel: str, people: list[str], rng: random.Random) -> tuple[str, int]:
    import django

    django.setup()
    from netpoint.common.core import clock
    from netpoint.provider.modules.antispam import recipients, services
    from netpoint.provider.modules.antispam.models import Customer, Suppression

    customer = Customer.objects.create(name="Khách đo tải", brandnames="DOTAI")
    token = services.issue_token(customer, "bench")
    services.import_dnc("\n".join(f"09{n:08d}" for n in range(0, len(people), 100)))
    # What processed opt-outs leave behind, made in bulk.
    Suppression.objects.bulk_create(
        [
            Suppression(
                recipient=recipients.recipient_index(channel, address),
                channel=channel,
                since=clock.now(),
            )
            for address in rng.sample(people, len(people) // 100)
        ],
        batch_size=5000,
    )
    return token, customer.pk


def work(channel: str, people: list[str], count: int, rng: random.Random) -> list[dict]:
    content = "[QC] Ưu đãi cuối tuần" if channel != "call" else "Xin chào"
    return [
        {"channel": channel, "recipient": rng.choice(people), "content": content, "sender": "DOTAI"}
        for _ in range(count)
    ]


def service_rate(customer_id: int, checks: list[dict], batch: int) -> dict:
    from django.db import connection

    from netpoint.provider.modules.antispam.checks import Check, check_sends
    from netpoint.provider.modules.antispam.models import Customer

    customer = Customer.objects.get(pk=customer_id)
    items = [Check(**c) for c in checks]
    allowed = 0
    started = time.perf_counter()
    for i in range(0, len(items), batch):
        allowed += sum(o.allowed for o in check_sends(customer, items[i : i + batch]))
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for _ in range(0, len(items), batch):
            cursor.execute("SELECT 1")
    reference = time.perf_counter() - started
    return {
        "service_checks_per_s": round(len(items) / seconds),
        "service_allowed": allowed,
        "service_seconds": round(seconds, 2),
        "service_round_trip_only_seconds": round(reference, 3),
    }


def post_all(port, token, bodies, errors, allowed):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    for body in bodies:
        connection.request("POST", "/api/v1/antispam/checks", body=body, headers=headers)
        answer = connection.getresponse()
        text = answer.read()
        if token and answer.status != 200:
            errors.append(f"{answer.status} {text[:300]!r}")
            return
        if token:
            allowed.append(json.loads(text)["allowed"])


def http_rate(ports, token, checks, batch, clients) -> tuple[float, int]:
    bodies = [
        json.dumps({"checks": checks[i : i + batch]}).encode() for i in range(0, len(checks), batch)
    ]
    shares = [bodies[n::clients] for n in range(clients)]
    errors, allowed = [], []
    threads = [
        threading.Thread(
            target=post_all, args=(ports[n % len(ports)], token, share, errors, allowed)
        )
        for n, share in enumerate(shares)
    ]
    seconds = run_together(threads)
    if errors:
        raise SystemExit(f"the check API refused a batch: {errors[0]}")
    return seconds, sum(allowed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 checks, within a minute")
    parser.add_argument("--checks", type=int, default=400_000)
    parser.add_argument("--recipients", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--channel", default="email", choices=["sms", "email", "call", "messaging"])
    args = parser.parse_args()
    total = 100_000 if args.quick else args.checks
    rng = random.Random(91)
    with provider_database() as (db, env, servers):
        # The HTTP run gets recipients of its own, so that it meets the caps no sooner than
        # the service run did.
        people = recipients_of(args.channel, 2 * args.recipients)
        token, customer_id = setup(args.channel, people, rng)
        first, second = people[: args.recipients], people[args.recipients :]
        figures = {
            "checks": total,
            "recipients": args.recipients,
            "batch": args.batch,
            "channel": args.channel,
        }
        figures |= service_rate(customer_id, work(args.channel, first, total, rng), args.batch)
        ports = serve(env, args.servers, servers)
        checks = work(args.channel, second, total, rng)
        seconds, allowed = http_rate(ports, token, checks, args.batch, args.clients)
        reference, _none = http_rate(ports, "", checks, args.batch, args.clients)
        figures |= {
            "servers": args.servers,
            "clients": args.clients,
            "http_checks_per_s": round(total / seconds),
            "http_allowed": allowed,
            "http_seconds": round(seconds, 2),
            "http_refused_401_same_bodies_seconds": round(reference, 2),
            "target_checks_per_s": 20_000,
        }
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
