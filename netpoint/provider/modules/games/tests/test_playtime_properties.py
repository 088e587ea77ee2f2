"""No sequence of start / heartbeat / stop / retry / restart calls lets a minor play beyond the
limits, and the time charged never exceeds the time the leases covered (no moment twice).

Game servers here are obedient: a player plays only while the server holds a lease from the
latest answer, and is gone when the lease runs out, the session stops or the server restarts.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.provider.modules.games import playtime, services
from netpoint.provider.modules.games.accounts import Refused
from netpoint.provider.modules.games.models import ApiToken, PlayDay
from netpoint.provider.modules.games.tests.conftest import account_data, guardian_data

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# 22:00 in Vietnam: a long sequence crosses midnight.
EVENING = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
SERVERS = 3  # servers 0 and 2 run game A, server 1 game B
REFS = ["s0", "s1"]  # a restarted server may use its ids again

server = st.integers(0, SERVERS - 1)
beat = st.tuples(st.just("beat"), server, st.sampled_from(REFS), st.booleans())
operation = st.one_of(
    st.tuples(st.just("start"), server, st.sampled_from(REFS), st.integers(0, 1)),
    beat,
    # A minute passes and every server sends a heartbeat for each of its players.
    st.tuples(st.just("tick"), st.integers(1, 80), st.just(""), st.just(0)),
    st.tuples(st.just("tick"), st.integers(1, 80), st.just(""), st.just(0)),
    st.tuples(st.just("stop"), st.integers(0, SERVERS - 1), st.sampled_from(REFS), st.booleans()),
    st.tuples(st.just("restart"), st.integers(0, SERVERS - 1), st.just(""), st.just(0)),
    st.tuples(st.just("wait"), st.integers(1, 80), st.just(""), st.just(0)),
    st.tuples(st.just("wait"), st.integers(1, 3600), st.just(""), st.just(0)),
)
# Small limits, so that a short sequence reaches them: every number is a setting.
GAME_LIMIT, DAY_LIMIT = 10 * 60, 15 * 60
GAMES = {
    "minor_game_minutes": GAME_LIMIT // 60,
    "minor_daily_minutes": DAY_LIMIT // 60,
    "lease_seconds": 90,
}


def by_day(start: datetime, end: datetime):
    """(local day, seconds) pieces of an interval."""
    while start < end:
        midnight = datetime.combine(
            start.astimezone(TZ).date() + timedelta(days=1), datetime.min.time(), tzinfo=TZ
        )
        piece_end = min(end, midnight)
        yield start.astimezone(TZ).date(), (piece_end - start).total_seconds()
        start = piece_end


def union_by_day(intervals) -> dict[date, float]:
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    days: dict[date, float] = defaultdict(float)
    for start, end in merged:
        for day, seconds in by_day(start, end):
            days[day] += seconds
    return days


class Server:
    def __init__(self, token):
        self.token = token
        self.sessions = {}  # ref -> {"account", "seq", "since", "lease", "last"}


@given(st.lists(operation, min_size=20, max_size=150))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_sequence_of_calls_lets_a_minor_play_beyond_the_limits(make_game, ops):
    fake = FakeClock(EVENING)
    with clock_module.use(fake), override_settings(NETPOINT_GAMES=GAMES), transaction.atomic():
        run(make_game, fake, ops)
        transaction.set_rollback(True)


def run(make_game, fake, ops):
    games = [make_game("game-a", name_vi="A"), make_game("game-b", name_vi="B")]
    born = date(2011, 1, 1)  # 15
    accounts = [
        services.create_account("m1", account_data(born, 1) | {"guardian": guardian_data(3)}),
        services.create_account("m2", account_data(born, 2) | {"guardian": guardian_data(4)}),
    ]
    servers = [
        Server(services.issue_token(ApiToken.Kind.GAME_SERVER, f"máy {n}", games[n % 2])[0])
        for n in range(SERVERS)
    ]
    played = defaultdict(list)  # (account, game) -> intervals really played
    leased = defaultdict(list)  # (account, game) -> intervals the answers allowed

    def close(server, ref, at):
        session = server.sessions.get(ref)
        if session and session["since"] is not None:
            end = min(at, session["lease"])
            if end > session["since"]:
                played[(session["account"], server.token.game_id)].append((session["since"], end))
            session["since"] = None

    def take(server, ref, answer):
        now = fake.now()
        close(server, ref, now)
        session = server.sessions[ref]
        session["last"] = answer
        lease = datetime.fromisoformat(answer["lease_until"])
        if answer["play"] and lease > now:
            session["since"], session["lease"] = now, lease
            leased[(session["account"], server.token.game_id)].append((now, lease))

    for kind, n, ref, extra in ops:
        now = fake.now()
        if kind == "wait":
            fake.advance(timedelta(seconds=n))
            for server in servers:
                for r, session in server.sessions.items():
                    if session["since"] is not None and fake.now() >= session["lease"]:
                        close(server, r, fake.now())  # the lease ran out: the player is gone
            continue
        if kind == "tick":
            fake.advance(timedelta(seconds=n))
            for server in servers:
                for r, session in server.sessions.items():
                    session["seq"] += 1
                    (answer,) = playtime.heartbeats(server.token, [(r, session["seq"])])
                    take(server, r, answer)
            continue
        server = servers[n]
        if kind == "restart":
            for r in list(server.sessions):
                close(server, r, now)
            server.sessions = {}
            continue
        session = server.sessions.get(ref)
        if kind == "start":
            if session is not None:
                continue
            account = accounts[extra]
            server.sessions[ref] = {"account": account.pk, "seq": 0, "since": None, "last": None}
            try:
                answer = playtime.start(server.token, ref, account.ref, 0)
            except Refused:
                del server.sessions[ref]
                continue
            take(server, ref, answer)
        elif session is None:
            continue
        elif kind == "beat":
            if extra and session["last"] is not None:  # a retry of the last call
                (answer,) = playtime.heartbeats(server.token, [(ref, session["seq"])])
                assert answer == session["last"]
                continue
            session["seq"] += 1
            (answer,) = playtime.heartbeats(server.token, [(ref, session["seq"])])
            take(server, ref, answer)
        elif kind == "stop":
            session["seq"] += 0 if extra else 1
            take(server, ref, playtime.stop(server.token, ref, session["seq"]))
            close(server, ref, now)
            del server.sessions[ref]

    end = fake.now() + timedelta(hours=1)
    for server in servers:
        for r in list(server.sessions):
            close(server, r, end)

    charged = {(r.account_id, r.game_id, r.day): r.seconds for r in PlayDay.objects.all()}
    most = max((max(union_by_day(i).values(), default=0) for i in played.values()), default=0)
    target(most, label="longest play of one game in a day")
    for account in accounts:
        daily = defaultdict(float)
        for game in games:
            real = union_by_day(played[(account.pk, game.pk)])
            allowed = union_by_day(leased[(account.pk, game.pk)])
            for day, seconds in real.items():
                assert seconds <= GAME_LIMIT, (day, seconds)
                daily[day] += seconds
                # Every moment played was charged ...
                assert charged.get((account.pk, game.pk, day), 0) >= seconds - 1
            for day in {d for (a, g, d) in charged if (a, g) == (account.pk, game.pk)}:
                # ... and nothing was charged twice, or without a lease.
                assert charged[(account.pk, game.pk, day)] <= allowed.get(day, 0) + 1
                assert charged[(account.pk, game.pk, day)] <= GAME_LIMIT
        for seconds in daily.values():
            assert seconds <= DAY_LIMIT
