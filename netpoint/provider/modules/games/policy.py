"""Play time of online games as pure functions (Thông tư 60/2006, Nghị định 147/2024).

Time is charged as leases: every answer to a game server lets it keep the player until
`lease_until`, and that time is charged to the player's day when it is granted, so the limits
hold even if the server never calls again. A stop gives back what was not used. Per account and
game the charged time is one timeline (`covered_until` only moves forward while play goes on),
so a retried call, a restarted server or a second session on the same game never counts a
moment twice. Time in two different games at once is counted in both: the stricter reading.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class Rules:
    adult_age: int
    guardian_age: int
    game_seconds: int  # per game and day, minors
    day_seconds: int  # per day across the operator's games, minors
    warning_every_seconds: int
    reward_full_seconds: int
    reward_half_seconds: int
    lease_seconds: int


@dataclass(frozen=True)
class Grant:
    lease_until: datetime
    charged_seconds: int  # added to the game's day now
    reason: str  # "" while play may go on; "game_limit" or "day_limit" when it must end

    @property
    def ends(self) -> bool:
        return bool(self.reason)


def local_day(instant: datetime, tz: tzinfo) -> date:
    return instant.astimezone(tz).date()


def next_midnight(instant: datetime, tz: tzinfo) -> datetime:
    """The end of the local day `instant` is in, in UTC: 00:00 Vietnam time the next day."""
    day = local_day(instant, tz) + timedelta(days=1)
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def grant(
    now: datetime,
    covered_until: datetime | None,
    game_seconds_today: int,
    day_seconds_today: int,
    minor: bool,
    rules: Rules,
    tz: tzinfo,
) -> Grant:
    """The lease for a session of a game at `now`.

    `covered_until`: how far today's charged time of this account and game already reaches
    (another session's lease, or this one's); `game_seconds_today` and `day_seconds_today`: the
    time charged so far today for this game and for all the operator's games. A lease never
    crosses midnight, so each day's time is charged to that day.
    """
    start = max(now, covered_until) if covered_until else now
    wanted_until = min(now + timedelta(seconds=rules.lease_seconds), next_midnight(now, tz))
    extra = max(0, int((wanted_until - start).total_seconds()))
    reason = ""
    if minor:
        game_left = rules.game_seconds - game_seconds_today
        day_left = rules.day_seconds - day_seconds_today
        allowed = max(0, min(game_left, day_left))
        if allowed < extra:
            extra = allowed
            # Ends once the lease runs out: the next call is refused.
            reason = "game_limit" if game_left <= day_left else "day_limit"
    lease_until = start + timedelta(seconds=extra)
    if reason and lease_until > now:
        reason = ""  # time is left in this lease; the end comes with a later call
    return Grant(lease_until=lease_until, charged_seconds=extra, reason=reason)


def refund(now: datetime, covered_until: datetime, others_until: datetime | None) -> int:
    """Seconds given back when a session stops at `now` before its lease ran out: the part of
    the timeline no other running session of the same game still holds."""
    keep = max(now, others_until) if others_until else now
    return max(0, int((covered_until - keep).total_seconds()))


def played_seconds(charged_seconds: int, covered_until: datetime | None, now: datetime) -> int:
    """Time really played so far: what was charged, less the leases' part still to come."""
    ahead = (covered_until - now).total_seconds() if covered_until and covered_until > now else 0
    return max(0, charged_seconds - int(ahead))


def warnings_due(played_today: int, rules: Rules) -> int:
    """How many warnings the day's play has earned: one each `warning_every_seconds`."""
    return played_today // rules.warning_every_seconds if rules.warning_every_seconds else 0


def reward_percent(played_today: int, rules: Rules) -> int:
    """The 2006 rule: 100% of in-game rewards for the first 180 minutes, 50% to 300, then 0%."""
    if played_today < rules.reward_full_seconds:
        return 100
    if played_today < rules.reward_half_seconds:
        return 50
    return 0


def seconds_left(
    game_seconds_today: int, day_seconds_today: int, minor: bool, rules: Rules
) -> tuple[int | None, int | None]:
    """(left in this game, left today) for a minor; (None, None) for an adult."""
    if not minor:
        return None, None
    day_left = max(0, rules.day_seconds - day_seconds_today)
    return max(0, min(rules.game_seconds - game_seconds_today, day_left)), day_left
