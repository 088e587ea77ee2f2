"""Game servers' play-time heartbeats through the service and over HTTP, with PostgreSQL.

Usage: .venv/bin/python bench/playtime.py [--quick] [--players 40000] [--servers 4]
       [--rounds 5] [--batch 1000] [--processes 2]

A fresh PostgreSQL database gets the provider's schema, one game, `--players` accounts (one in
five a minor; ID and phone numbers sealed as in production) and a running session each, spread
over `--servers` game servers, each with its own token. Then every player gets `--rounds`
heartbeats: first by calling the service in this process (one batch of `--batch` players per
call), then over HTTP as batches to `--processes` `netpoint serve` processes, one client thread
per game server, and last one player per request (the single-heartbeat endpoint) for a few
seconds. Each phase prints player-heartbeats/s and the p99 latency of its calls. The last line
is one JSON object with the figures.
"""

import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import provider_database, run_together, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def p99(latencies: list[float]) -> float:
    if len(latencies) < 2:
        return latencies[0] if latencies else 0.0
    return statistics.quantiles(latencies, n=100)[98]


def fill(players: int, servers: int) -> list[tuple[str, list[str]]]:
    """Accounts and running sessions; (token secret, session ids) per game server."""
    import django

    django.setup()
    from netpoint.common.core import clock
    from netpoint.common.identity.fake import fake_person
    from netpoint.common.sealing.crypto import blind_index, seal
    from netpoint.common.sealing.indexes import key_ring
    from netpoint.provider.modules.games import services
    from netpoint.provider.modules.games.accounts import ID_COLUMN, PHONE_COLUMN
    from netpoint.provider.modules.games.models import Account, ApiToken, Game, PlaySession

    game = Game.objects.create(
        code="bench",
        name_original="Bench Quest",
        name_vi="Đo Tải",
        kind="Nhập vai",
        origin="Việt Nam",
        age_rating="12+",
        licence_number="1/GP-BENCH",
    )
    ring, rng, now = key_ring(), random.Random(9), clock.now()
    accounts = []
    for n in range(players):
        minor = n % 5 == 0
        born = date(2010, 1, 1) if minor else date(1990, 1, 1) + timedelta(days=n % 5000)
        person = fake_person(rng, date_of_birth=born)
        accounts.append(
            Account(
                ref=f"p{n}",
                full_name=person.full_name,
                date_of_birth=born,
                gender=person.gender,
                address=person.address,
                province_code=1,
                id_type="cccd",
                id_index=blind_index(f"cccd:{person.cccd}", ID_COLUMN, ring),
                id_number_sealed=seal(person.cccd, ID_COLUMN, ring),
                id_issued_on=date(2022, 1, 1),
                id_issued_by="Cục Cảnh sát QLHC về TTXH",
                phone_index=blind_index(person.phone, PHONE_COLUMN, ring),
                phone_sealed=seal(person.phone, PHONE_COLUMN, ring),
                guardian_name="Người Giám Hộ" if minor else "",
                created_at=now,
                updated_at=now,
            )
        )
    Account.objects.bulk_create(accounts, batch_size=5000)
    work = []
    ids = list(Account.objects.order_by("pk").values_list("pk", "date_of_birth"))
    for s in range(servers):
        token, secret = services.issue_token(ApiToken.Kind.GAME_SERVER, f"máy {s}", game)
        mine = ids[s::servers]
        PlaySession.objects.bulk_create(
            [
                PlaySession(
                    token=token,
                    ref=f"g{pk}",
                    game=game,
                    account_id=pk,
                    minor=born.year >= 2010,
                    started_at=now,
                    lease_until=now,
                    last_seq=0,
                    last_answer="{}",
                )
                for pk, born in mine
            ],
            batch_size=5000,
        )
        work.append((secret, [f"g{pk}" for pk, _born in mine]))
    return work


def through_service(work, rounds: int, batch: int, first_seq: int) -> tuple[int, float, list]:
    from netpoint.provider.modules.games import playtime, services

    tokens = [(services.token_for(secret), refs) for secret, refs in work]
    latencies, beats = [], 0
    started = time.perf_counter()
    for r in range(rounds):
        for token, refs in tokens:
            for i in range(0, len(refs), batch):
                chunk = [(ref, first_seq + r) for ref in refs[i : i + batch]]
                t = time.perf_counter()
                answers = playtime.heartbeats(token, chunk)
                latencies.append(time.perf_counter() - t)
                assert len(answers) == len(chunk) and "error" not in answers[0]
                beats += len(chunk)
    return beats, time.perf_counter() - started, latencies


def send(port, secret, refs, rounds, batch, first_seq, out, errors):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    for r in range(rounds):
        for i in range(0, len(refs), batch):
            beats = [{"session": ref, "seq": first_seq + r} for ref in refs[i : i + batch]]
            body = json.dumps({"heartbeats": beats})
            t = time.perf_counter()
            connection.request("POST", "/api/v1/games/heartbeats", body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read()
            out.append(time.perf_counter() - t)
            if answer.status != 200:
                errors.append(f"{answer.status} {text[:200]!r}")
                return


def over_http(ports, work, rounds, batch, first_seq) -> tuple[int, float, list]:
    latencies, errors = [], []
    threads = [
        threading.Thread(
            target=send,
            args=(ports[n % len(ports)], secret, refs, rounds, batch, first_seq, latencies, errors),
        )
        for n, (secret, refs) in enumerate(work)
    ]
    seconds = run_together(threads)
    if errors:
        raise SystemExit(f"a batch was refused: {errors[0]}")
    return sum(len(refs) for _s, refs in work) * rounds, seconds, latencies


def single_calls(port, secret, refs, seconds, first_seq) -> tuple[int, float, list]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    latencies, n = [], 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        body = json.dumps({"session": refs[n % len(refs)], "seq": first_seq + n // len(refs)})
        t = time.perf_counter()
        connection.request("POST", "/api/v1/games/sessions/heartbeat", body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        latencies.append(time.perf_counter() - t)
        if answer.status != 200:
            raise SystemExit(f"a heartbeat was refused: {answer.status}")
        n += 1
    return n, time.perf_counter() - started, latencies


def figures(beats: int, seconds: float, latencies: list) -> dict:
    return {
        "player_heartbeats": beats,
        "seconds": round(seconds, 2),
        "player_heartbeats_per_s": round(beats / seconds),
        "calls": len(latencies),
        "p99_call_ms": round(p99(latencies) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 players, 3 rounds")
    parser.add_argument("--players", type=int, default=40_000)
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    players, rounds = (10_000, 3) if args.quick else (args.players, args.rounds)
    with provider_database() as (db, env, processes):
        print(f"filling {players} players on {args.servers} game servers", file=sys.stderr)
        work = fill(players, args.servers)
        service = figures(*through_service(work, rounds, args.batch, first_seq=1))
        print(f"service: {service}", file=sys.stderr)
        ports = serve(env, args.processes, processes)
        http_batches = figures(*over_http(ports, work, rounds, args.batch, 1 + rounds))
        print(f"http batches: {http_batches}", file=sys.stderr)
        secret, refs = work[0]
        single = figures(*single_calls(ports[0], secret, refs, 5, 1 + 2 * rounds))
        print(f"http single: {single}", file=sys.stderr)
        print(
            json.dumps(
                {
                    "players": players,
                    "game_servers": args.servers,
                    "rounds": rounds,
                    "batch": args.batch,
                    "processes": args.processes,
                    "service": service,
                    "http_batches": http_batches,
                    "http_single": single,
                    "http_to_service": round(
                        http_batches["player_heartbeats_per_s"]
                        / service["player_heartbeats_per_s"],
                        3,
                    ),
                    "at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            )
        )


if __name__ == "__main__":
    main()
