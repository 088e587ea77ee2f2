"""What an online game operator's records do: tokens, accounts with real identity, play time.

Play time follows netpoint.provider.modules.games.policy. Every call that changes an account's time
first locks the account's row, so two game servers (two games at once) take turns with its day's
budget.
"""

import functools
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import GENDERS, IdentityError, validate_id
from netpoint.common.policies.age import age_on
from netpoint.common.sealing.crypto import blind_index, seal, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.games import policy
from netpoint.provider.modules.games.models import (
    Account,
    AccountRevision,
    ApiToken,
    Game,
    PlaySession,
)
from netpoint.provider.registry.divisions import province_name

ID_COLUMN = "games_account.id_number"
PHONE_COLUMN = "games_account.phone"
GUARDIAN_ID_COLUMN = "games_account.guardian_id_number"
GUARDIAN_PHONE_COLUMN = "games_account.guardian_phone"


class Refused(ValueError):
    """A call that cannot be carried out; `message` says why, in the user's language."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.message = message
        self.status = status


def rules() -> policy.Rules:
    games = settings.NETPOINT_GAMES
    return policy.Rules(
        adult_age=games["adult_age"],
        guardian_age=games["guardian_age"],
        game_seconds=games["minor_game_minutes"] * 60,
        day_seconds=games["minor_daily_minutes"] * 60,
        warning_every_seconds=games["warning_every_minutes"] * 60,
        reward_full_seconds=games["reward_full_minutes"] * 60,
        reward_half_seconds=games["reward_half_minutes"] * 60,
        lease_seconds=games["lease_seconds"],
    )


# Tokens --------------------------------------------------------------------------------------


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(kind: str, name: str, game: Game | None = None) -> tuple[ApiToken, str]:
    """A new token; the secret is shown once and only its hash is kept."""
    if (kind == ApiToken.Kind.GAME_SERVER) != (game is not None):
        raise ValueError("a game server's token names its game; the account system's does not")
    secret = "np_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        kind=kind, name=name, game=game, token_hash=_hash(secret), created_at=clock.now()
    )
    return token, secret


def token_for(secret: str) -> ApiToken | None:
    return (
        ApiToken.objects.select_related("game")
        .filter(token_hash=_hash(secret), revoked_at__isnull=True)
        .first()
    )


# Accounts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountState:
    account: Account
    minor: bool
    needs_guardian: bool


def _identity_error(field: str, error: IdentityError) -> Refused:
    return Refused(_("%(field)s: %(error)s") % {"field": field, "error": error.message})


def _check_dates(issued_on: date | None, born: date | None, today: date, field: str) -> None:
    if issued_on and issued_on > today:
        raise Refused(_("%(field)s: ngày cấp ở tương lai.") % {"field": field})
    if born and issued_on and issued_on < born:
        raise Refused(_("%(field)s: ngày cấp trước ngày sinh.") % {"field": field})


def _apply(account: Account, data: dict, now: datetime) -> list[str]:
    """Sets the given fields on `account` after checking them; the names of those that changed."""
    ring = key_ring()
    changed = []
    today = policy.local_day(now, local_tz())

    def put(field, value):
        if getattr(account, field) != value:
            setattr(account, field, value)
            changed.append(field)

    for field in ("full_name", "address", "id_issued_by"):
        if field in data:
            if not data[field].strip():
                raise Refused(_("%(field)s: không được để trống.") % {"field": field})
            put(field, data[field].strip())
    if "date_of_birth" in data:
        born = data["date_of_birth"]
        if born > today or age_on(born, today) > 130:
            raise Refused(_("date_of_birth: ngày sinh không hợp lệ."))
        put("date_of_birth", born)
    if "gender" in data:
        if data["gender"] not in GENDERS:
            raise Refused(_("gender: chỉ nhận male hoặc female."))
        put("gender", data["gender"])
    if "province_code" in data:
        if not province_name(data["province_code"]):
            raise Refused(_("province_code: không có tỉnh, thành phố mang mã này."))
        put("province_code", data["province_code"])
    if "id_issued_on" in data:
        put("id_issued_on", data["id_issued_on"])
    if "id_type" in data or "id_number" in data:
        id_type = data.get("id_type", account.id_type)
        if "id_number" not in data:
            raise Refused(_("id_number: đổi loại giấy tờ thì phải gửi cả số giấy tờ."))
        try:
            number = validate_id(
                id_type, data["id_number"], account.date_of_birth, account.gender or None
            )
        except IdentityError as error:
            raise _identity_error("id_number", error) from None
        index = blind_index(f"{id_type}:{number}", ID_COLUMN, ring)
        if index != account.id_index:
            put("id_type", id_type)
            put("id_index", index)
            put("id_number_sealed", seal(number, ID_COLUMN, ring))
    _check_dates(account.id_issued_on, account.date_of_birth, today, "id_issued_on")
    if "phone" in data:
        try:
            phone = normalize_mobile(data["phone"])
        except IdentityError as error:
            raise _identity_error("phone", error) from None
        index = blind_index(phone, PHONE_COLUMN, ring)
        if index != account.phone_index:
            put("phone_index", index)
            put("phone_sealed", seal(phone, PHONE_COLUMN, ring))
            if "phone_verified" not in data:
                put("phone_verified_at", None)  # a new number is not verified yet
    if "phone_verified" in data:
        verified = data["phone_verified"]
        if verified != (account.phone_verified_at is not None):
            put("phone_verified_at", now if verified else None)
    if "guardian" in data:
        _apply_guardian(account, data["guardian"], put, today, ring)
    if age_on(account.date_of_birth, today) < rules().guardian_age and not account.guardian_name:
        raise Refused(
            _("guardian: người chơi dưới %(age)s tuổi phải có thông tin người giám hộ.")
            % {"age": rules().guardian_age}
        )
    return changed


def _apply_guardian(account: Account, guardian: dict | None, put, today: date, ring) -> None:
    if guardian is None:
        for field in ("name", "relation", "address", "id_type", "id_index", "id_number_sealed"):
            put(f"guardian_{field}", "")
        put("guardian_id_issued_on", None)
        put("guardian_id_issued_by", "")
        put("guardian_phone_sealed", "")
        return
    for field in ("full_name", "relation", "address", "id_issued_by"):
        if not guardian[field].strip():
            raise Refused(_("guardian.%(field)s: không được để trống.") % {"field": field})
    try:
        number = validate_id(guardian["id_type"], guardian["id_number"])
    except IdentityError as error:
        raise _identity_error("guardian.id_number", error) from None
    _check_dates(guardian["id_issued_on"], None, today, "guardian.id_issued_on")
    put("guardian_name", guardian["full_name"].strip())
    put("guardian_relation", guardian["relation"].strip())
    put("guardian_address", guardian["address"].strip())
    put("guardian_id_issued_on", guardian["id_issued_on"])
    put("guardian_id_issued_by", guardian["id_issued_by"].strip())
    index = blind_index(f"{guardian['id_type']}:{number}", GUARDIAN_ID_COLUMN, ring)
    if index != account.guardian_id_index:
        put("guardian_id_type", guardian["id_type"])
        put("guardian_id_index", index)
        put("guardian_id_number_sealed", seal(number, GUARDIAN_ID_COLUMN, ring))
    phone = ""
    if guardian.get("phone"):
        try:
            phone = normalize_mobile(guardian["phone"])
        except IdentityError as error:
            raise _identity_error("guardian.phone", error) from None
    sealed = account.guardian_phone_sealed
    if phone != (unseal(sealed, GUARDIAN_PHONE_COLUMN, ring) if sealed else ""):
        put("guardian_phone_sealed", seal(phone, GUARDIAN_PHONE_COLUMN, ring) if phone else "")


def _games(codes: list[str]) -> list[Game]:
    found = list(Game.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {g.code for g in found})
    if missing:
        raise Refused(_("games: không có trò chơi mã %(codes)s.") % {"codes": ", ".join(missing)})
    return found


def _snapshot(account: Account) -> dict:
    fields = [f.attname for f in Account._meta.concrete_fields if f.attname != "id"]
    return {f: _plain(getattr(account, f)) for f in fields} | {
        "games": sorted(account.games.values_list("code", flat=True)) if account.pk else []
    }


def _plain(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def create_account(ref: str, data: dict) -> Account:
    now = clock.now()
    if Account.objects.filter(ref=ref).exists():
        raise Refused(
            _("Tài khoản %(ref)s đã có; hãy cập nhật thay vì tạo mới.") % {"ref": ref}, 409
        )
    account = Account(ref=ref, created_at=now, updated_at=now, id_issued_on=data["id_issued_on"])
    account.date_of_birth = data["date_of_birth"]
    account.gender = data["gender"]
    games = _games(data.get("games", []))
    _apply(account, data, now)
    with transaction.atomic():
        account.save()
        account.games.set(games)
    return account


def update_account(ref: str, data: dict) -> tuple[Account, list[str]]:
    """Takes effect at once; the account as it was is kept in its history."""
    now = clock.now()
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(ref=ref).first()
        if account is None:
            raise Refused(_("Không có tài khoản %(ref)s.") % {"ref": ref}, 404)
        if account.closed_at:
            raise Refused(_("Tài khoản %(ref)s đã đóng.") % {"ref": ref}, 409)
        before = _snapshot(account)
        changed = _apply(account, data, now)
        if "games" in data:
            games = _games(data["games"])
            if sorted(g.code for g in games) != before["games"]:
                changed.append("games")
                account.games.set(games)
        if changed:
            account.updated_at = now
            account.save()
            AccountRevision.objects.create(
                account=account, changed_at=now, changed_fields=changed, before=before
            )
    return account, changed


def close_account(ref: str) -> Account:
    now = clock.now()
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(ref=ref).first()
        if account is None:
            raise Refused(_("Không có tài khoản %(ref)s.") % {"ref": ref}, 404)
        if account.closed_at is None:
            AccountRevision.objects.create(
                account=account,
                changed_at=now,
                changed_fields=["closed_at"],
                before=_snapshot(account),
            )
            account.closed_at = now
            account.save(update_fields=["closed_at"])
    return account


def today() -> date:
    return policy.local_day(clock.now(), local_tz())


def state_of(account: Account, on: date) -> AccountState:
    age = age_on(account.date_of_birth, on)
    return AccountState(account, age < rules().adult_age, age < rules().guardian_age)


# Play time -----------------------------------------------------------------------------------


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
