"""Play time of game servers' players: sessions, heartbeats and leases, charged against the
daily budget of netpoint.provider.modules.games.policy.

Every call that changes an account's time first locks the account's row, so two game servers
(two games at once) take turns with its day's budget. The heartbeat path is measured
(bench/playtime.py): it reads and writes its rows in plain SQL, a handful of statements a batch.
"""

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.policies.age import age_on
from netpoint.provider.modules.games import policy
from netpoint.provider.modules.games.accounts import Refused, rules, state_of
from netpoint.provider.modules.games.models import Account, ApiToken, Game, PlaySession


def _lock_accounts(ids) -> None:
    # In id order, so that two batches naming the same players never wait on each other.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM games_account WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            [sorted(ids)],
        )


@dataclass
class _DayRow:
    """A PlayDay row as the play-time path reads and writes it."""

    account_id: int
    game_id: int
    seconds: int
    covered_until: datetime | None


class _Days:
    """The PlayDay rows of some accounts for one local day, changed in memory, then saved."""

    def __init__(self, account_ids, day: date):
        self.day = day
        self.rules = rules()  # read once per call, not once per player
        self.rows: dict[int, dict[int, _DayRow]] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT account_id, game_id, seconds, covered_until FROM games_playday"
                " WHERE day = %s AND account_id = ANY(%s::bigint[])",
                [day, list(account_ids)],
            )
            for account_id, game_id, seconds, covered_until in cursor.fetchall():
                self.rows.setdefault(account_id, {})[game_id] = _DayRow(
                    account_id, game_id, seconds, covered_until
                )
        self.dirty: set[tuple[int, int]] = set()

    def row(self, account_id: int, game_id: int) -> "_DayRow":
        games = self.rows.setdefault(account_id, {})
        if game_id not in games:
            games[game_id] = _DayRow(account_id, game_id, 0, None)
        return games[game_id]

    def total(self, account_id: int) -> int:
        return sum(r.seconds for r in self.rows.get(account_id, {}).values())

    def played(self, account_id: int, now: datetime) -> int:
        return sum(
            policy.played_seconds(r.seconds, r.covered_until, now)
            for r in self.rows.get(account_id, {}).values()
        )

    def save(self) -> None:
        rows = [self.rows[a][g] for a, g in self.dirty]
        if not rows:
            return
        data = [
            {"a": r.account_id, "g": r.game_id, "s": r.seconds, "c": _stamp(r.covered_until)}
            for r in rows
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO games_playday (account_id, game_id, day, seconds, covered_until)
                SELECT a, g, %s, s, c
                FROM jsonb_to_recordset(%s::jsonb) AS v(a bigint, g bigint, s int, c timestamptz)
                ON CONFLICT (account_id, day, game_id) DO UPDATE
                SET seconds = EXCLUDED.seconds, covered_until = EXCLUDED.covered_until
                """,
                [self.day, json.dumps(data)],
            )


def _answer(session: PlaySession, seq: int, days: _Days, now: datetime, reason: str) -> dict:
    the_rules = days.rules
    played_day = days.played(session.account_id, now)
    game_row = days.row(session.account_id, session.game_id)
    played_game = policy.played_seconds(game_row.seconds, game_row.covered_until, now)
    game_left, day_left = policy.seconds_left(played_game, played_day, session.minor, the_rules)
    due = policy.warnings_due(played_day, the_rules)
    warning = due > session.warned
    session.warned = max(session.warned, due)
    running = not reason
    return {
        "session": session.ref,
        "seq": seq,
        "play": running,
        "end_reason": reason,
        "lease_until": _stamp(session.lease_until),
        "lease_seconds": max(0, int((session.lease_until - now).total_seconds())),
        "warning": warning and running,
        "minutes_played_today": played_day // 60,
        "minutes_left_game": None if game_left is None else game_left // 60,
        "minutes_left_today": None if day_left is None else day_left // 60,
        "reward_percent": policy.reward_percent(played_day, the_rules),
    }


def _charge(session: PlaySession, days: _Days, now: datetime) -> str:
    """Grants the session its next lease; the reason it must end, or ""."""
    row = days.row(session.account_id, session.game_id)
    granted = policy.grant(
        now,
        row.covered_until,
        row.seconds,
        days.total(session.account_id),
        session.minor,
        days.rules,
        local_tz(),
    )
    if granted.charged_seconds or row.covered_until is None:
        row.seconds += granted.charged_seconds
        row.covered_until = max(row.covered_until or granted.lease_until, granted.lease_until)
        days.dirty.add((session.account_id, session.game_id))
    session.lease_until = granted.lease_until
    if granted.ends:
        session.ended_at = now
        session.end_reason = granted.reason
    return granted.reason


def start(token: ApiToken, ref: str, account_ref: str, seq: int) -> dict:
    now = clock.now()
    game = token.game
    with transaction.atomic():
        account = Account.objects.filter(ref=account_ref).first()
        if account is None:
            raise Refused(_("Không có tài khoản %(ref)s.") % {"ref": account_ref}, 404)
        _lock_accounts([account.pk])
        existing = PlaySession.objects.filter(token=token, ref=ref).first()
        if existing is not None:
            if existing.account_id != account.pk:
                raise Refused(_("Phiên %(ref)s đã dùng cho tài khoản khác.") % {"ref": ref}, 409)
            return json.loads(existing.last_answer)
        today = policy.local_day(now, local_tz())
        state = state_of(account, today)
        session = PlaySession(
            token=token,
            ref=ref,
            game=game,
            account=account,
            minor=state.minor,
            started_at=now,
            lease_until=now,
            last_seq=seq,
        )
        days = _Days([account.pk], today)
        refusal = _refusal(account, game, today)
        if refusal:
            session.ended_at, session.end_reason = now, refusal
        else:
            session.warned = policy.warnings_due(days.played(account.pk, now), rules())
            refusal = _charge(session, days, now)
        answer = _answer(session, seq, days, now, refusal)
        session.last_answer = json.dumps(answer)
        session.save()
        days.save()
    return answer


def _refusal(account: Account, game: Game, today: date) -> str:
    if account.closed_at:
        return "account_closed"
    age = age_on(account.date_of_birth, today)
    if age < game.minimum_age:
        return "age_rating"
    if age < rules().guardian_age and not account.guardian_name:
        return "no_guardian"
    return ""


# The hot path in a handful of statements per batch. Rows travel as one JSON text each way:
# psycopg quotes big arrays of strings and timestamps in Python, which costs more than the SQL.
SESSION_UPDATE = """
UPDATE games_playsession s SET lease_until = v.lease_until, last_seq = v.last_seq,
    warned = v.warned, heartbeats = v.heartbeats, late_heartbeats = v.late_heartbeats,
    ended_at = v.ended_at, end_reason = v.end_reason, last_answer = v.last_answer
FROM jsonb_to_recordset(%s::jsonb) AS v(id bigint, lease_until timestamptz, last_seq bigint,
    warned int, heartbeats int, late_heartbeats int, ended_at timestamptz, end_reason text,
    last_answer text)
WHERE s.id = v.id
"""

# The sessions named, each with its account locked, in account order (two batches naming the
# same players then never wait on each other in a circle).
SESSIONS_LOCKED = """
SELECT s.id, s.ref, s.account_id, s.game_id, s.minor, s.lease_until, s.last_seq, s.warned,
    s.heartbeats, s.late_heartbeats, s.ended_at, s.end_reason, a.closed_at IS NOT NULL
FROM games_playsession s JOIN games_account a ON a.id = s.account_id
WHERE s.token_id = %s AND s.ref IN (SELECT jsonb_array_elements_text(%s::jsonb))
ORDER BY a.id, s.id FOR UPDATE
"""


@dataclass
class _Live:
    """A session as the heartbeat path reads and writes it."""

    pk: int
    ref: str
    account_id: int
    game_id: int
    minor: bool
    lease_until: datetime
    last_seq: int
    warned: int
    heartbeats: int
    late_heartbeats: int
    ended_at: datetime | None
    end_reason: str
    account_closed: bool
    last_answer: str | None = None


@functools.lru_cache(maxsize=4096)
def _stamp(instant: datetime | None) -> str | None:
    # A batch's leases mostly end at the same instant: format each instant once.
    return instant.isoformat() if instant else None


def _save_sessions(sessions: list) -> None:
    if not sessions:
        return
    rows = [
        {
            "id": s.pk,
            "lease_until": _stamp(s.lease_until),
            "last_seq": s.last_seq,
            "warned": s.warned,
            "heartbeats": s.heartbeats,
            "late_heartbeats": s.late_heartbeats,
            "ended_at": _stamp(s.ended_at),
            "end_reason": s.end_reason,
            "last_answer": s.last_answer,
        }
        for s in sessions
    ]
    with connection.cursor() as cursor:
        cursor.execute(SESSION_UPDATE, [json.dumps(rows)])


def _last_answer(session: _Live) -> dict:
    if session.last_answer is None:  # a retry: rare, so not read with every batch
        session.last_answer = (
            PlaySession.objects.filter(pk=session.pk).values_list("last_answer", flat=True).get()
        )
    return json.loads(session.last_answer)


def heartbeats(token: ApiToken, beats: list[tuple[str, int]]) -> list[dict]:
    """Each (session, seq) of a game server: the session's next lease, or its end. A seq the
    session has seen already gets the answer it got then, and changes nothing."""
    now = clock.now()
    refs = list({ref for ref, _seq in beats})
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(SESSIONS_LOCKED, [token.pk, json.dumps(refs)])
            sessions = {row[1]: _Live(*row) for row in cursor.fetchall()}
        account_ids = {s.account_id for s in sessions.values()}
        days = _Days(account_ids, policy.local_day(now, local_tz()))
        answers, changed = [], {}
        for ref, seq in beats:
            session = sessions.get(ref)
            if session is None:
                answers.append({"session": ref, "seq": seq, "error": _("Không có phiên này.")})
                continue
            if seq <= session.last_seq:
                answers.append(_last_answer(session))
                continue
            session.last_seq = seq
            if session.ended_at is None and session.account_closed:
                # Closed while playing: the session ends with the lease it already has.
                session.ended_at, session.end_reason = now, "account_closed"
            if session.ended_at is None:
                session.heartbeats += 1
                if now > session.lease_until:
                    session.late_heartbeats += 1
                _charge(session, days, now)
            answer = _answer(session, seq, days, now, session.end_reason)
            session.last_answer = json.dumps(answer)
            answers.append(answer)
            changed[session.pk] = session
        _save_sessions(list(changed.values()))
        days.save()
    return answers


def stop(token: ApiToken, ref: str, seq: int) -> dict:
    """The player left: the unused rest of the lease is given back."""
    now = clock.now()
    with transaction.atomic():
        session = PlaySession.objects.filter(token=token, ref=ref).first()
        if session is None:
            raise Refused(_("Không có phiên này."), 404)
        _lock_accounts([session.account_id])
        session.refresh_from_db()
        # A stop counts whatever its number: the player has gone. Once stopped, a repeated
        # stop gets the same answer.
        if session.ended_at is not None:
            return json.loads(session.last_answer)
        days = _Days([session.account_id], policy.local_day(now, local_tz()))
        row = days.row(session.account_id, session.game_id)
        if row.covered_until and row.covered_until > now:
            others = (
                PlaySession.objects.filter(
                    account_id=session.account_id,
                    game_id=session.game_id,
                    ended_at__isnull=True,
                    lease_until__gt=now,
                )
                .exclude(pk=session.pk)
                .order_by("-lease_until")
                .values_list("lease_until", flat=True)
                .first()
            )
            row.seconds -= policy.refund(now, row.covered_until, others)
            row.covered_until = max(now, others) if others else now
            days.dirty.add((session.account_id, session.game_id))
        session.last_seq = max(session.last_seq, seq)
        session.lease_until = min(session.lease_until, now)
        session.ended_at, session.end_reason = now, "stopped"
        answer = _answer(session, seq, days, now, "stopped")
        session.last_answer = json.dumps(answer)
        _save_sessions([session])
        days.save()
    return answer
