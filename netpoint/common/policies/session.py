"""The rules for one customer's session, combined: when it must end, what warnings are due,
and whether it may start at all."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from netpoint.common.policies.age import is_minor
from netpoint.common.policies.hours import OpeningHours, is_open, next_closing, next_opening
from netpoint.common.policies.playtime import (
    Interval,
    day_start,
    health_warning_index,
    limit_reached_at,
    played,
    seconds_on_day,
)


@dataclass(frozen=True)
class Limits:
    adult_age: int = 18
    guardian_age: int = 16
    minor_daily_seconds: int = 180 * 60
    warning_every_seconds: int = 30 * 60
    closing_warning_seconds: tuple[int, ...] = (15 * 60, 5 * 60, 60)
    low_balance_warning_seconds: int = 5 * 60


@dataclass(frozen=True)
class SessionFacts:
    started_at: datetime
    date_of_birth: date | None
    other_intervals: tuple[Interval, ...]  # the same person's other sessions at this point
    hours: OpeningHours | None
    # None: billed afterwards, no money limit. For a paused session: when the money ran out had
    # play gone on past the pause's start (only a moment before that start ends it).
    paid_until: datetime | None
    pauses: tuple[Interval, ...] = ()  # the cashier's pauses; one still open (end None): paused
    # Today's play at the provider's other points, where the policy counts a minor's minutes
    # across points (0: only this point's own play counts).
    elsewhere_seconds: int = 0

    @property
    def played(self) -> tuple[Interval, ...]:
        """This session's stretches of play so far; the last is open (end None) unless paused."""
        return played(self.started_at, None, self.pauses)

    @property
    def paused_since(self) -> datetime | None:
        return next((start for start, end in self.pauses if end is None), None)


@dataclass(frozen=True)
class Ending:
    at: datetime
    reason: str  # "closing", "minor_limit" or "balance"


@dataclass(frozen=True)
class Refusal:
    code: str  # "closed", "minor_limit" or "no_balance"
    until: datetime | None = None


@dataclass(frozen=True)
class Warning:
    key: str  # stable per warning, so that a station shows each one once
    code: str
    seconds_left: int | None = None


def budget(limits: Limits, elsewhere_seconds: int) -> Limits:
    """The limits at this point for someone who played `elsewhere_seconds` today elsewhere:
    what is left of the daily minutes."""
    if elsewhere_seconds <= 0:
        return limits
    left = max(0, limits.minor_daily_seconds - elsewhere_seconds)
    return replace(limits, minor_daily_seconds=left)


def _minor_limit_at(facts: SessionFacts, limits: Limits, tz) -> datetime | None:
    """The exact moment the minor's daily limit is reached, counted from the start of the
    current stretch of play so that a server that was down still ends the session at the right
    instant. Paused, the limit comes only if it came before the pause."""
    own = facts.played
    limits = budget(limits, facts.elsewhere_seconds)
    if facts.date_of_birth is None or not own:
        return None
    *before, (last_start, last_end) = own
    intervals = (*facts.other_intervals, *before, (last_start, None))
    moment = limit_reached_at(intervals, last_start, limits.minor_daily_seconds, tz)
    if last_end is not None and moment > last_end:
        return None
    if not is_minor(facts.date_of_birth, moment.astimezone(tz).date(), limits.adult_age):
        return None
    return moment


def _paid_until(facts: SessionFacts) -> datetime | None:
    paused_since = facts.paused_since
    if facts.paid_until is None or (paused_since and facts.paid_until > paused_since):
        return None  # a paused session's time does not run out
    return facts.paid_until


def session_ending(facts: SessionFacts, limits: Limits, now: datetime, tz) -> Ending | None:
    """The earliest moment a rule ends this session; it may lie in the past."""
    candidates = []
    if facts.hours is not None:
        closing = next_closing(facts.hours, facts.started_at, tz)
        candidates.append(Ending(closing, "closing"))
    minor_limit = _minor_limit_at(facts, limits, tz)
    if minor_limit is not None:
        candidates.append(Ending(minor_limit, "minor_limit"))
    paid_until = _paid_until(facts)
    if paid_until is not None:
        candidates.append(Ending(paid_until, "balance"))
    # min() keeps the first of equals: closing, then minor_limit, then balance.
    return min(candidates, key=lambda ending: ending.at) if candidates else None


def check_in_refusals(
    date_of_birth: date | None,
    other_intervals: tuple[Interval, ...],
    hours: OpeningHours | None,
    balance_available: bool,
    limits: Limits,
    now: datetime,
    tz,
    elsewhere_seconds: int = 0,
) -> list[Refusal]:
    refusals = []
    limits = budget(limits, elsewhere_seconds)
    if not is_open(hours, now, tz):
        refusals.append(Refusal("closed", next_opening(hours, now, tz)))
    today = now.astimezone(tz).date()
    minor = date_of_birth is not None and is_minor(date_of_birth, today, limits.adult_age)
    if minor and seconds_on_day(other_intervals, today, now, tz) >= limits.minor_daily_seconds:
        refusals.append(Refusal("minor_limit", day_start(today + timedelta(days=1), tz)))
    if not balance_available:
        refusals.append(Refusal("no_balance"))
    return refusals


def _left(until: datetime, now: datetime) -> int:
    return int((until - now).total_seconds())


def warnings_due(facts: SessionFacts, limits: Limits, now: datetime, tz) -> list[Warning]:
    """Paused, only closing time is still coming: play time and money stand still."""
    warnings = []
    limits = budget(limits, facts.elsewhere_seconds)
    today = now.astimezone(tz).date()
    paused = facts.paused_since is not None
    minor = facts.date_of_birth is not None and is_minor(
        facts.date_of_birth, today, limits.adult_age
    )
    if minor and not paused:
        intervals = (*facts.other_intervals, *facts.played)
        played = seconds_on_day(intervals, today, now, tz)
        index = health_warning_index(played, limits.warning_every_seconds)
        if index >= 1:
            warnings.append(Warning(f"health:{today.isoformat()}:{index}", "health"))
        limit_at = limit_reached_at(intervals, now, limits.minor_daily_seconds, tz)
        if 0 < _left(limit_at, now) <= limits.low_balance_warning_seconds:
            warnings.append(Warning("minor_limit_soon", "minor_limit_soon", _left(limit_at, now)))
    if facts.hours is not None:
        left = _left(next_closing(facts.hours, now, tz), now)
        reached = [t for t in limits.closing_warning_seconds if left <= t]
        if left > 0 and reached:
            warnings.append(Warning(f"closing:{min(reached)}", "closing", left))
    if facts.paid_until is not None and not paused:
        left = _left(facts.paid_until, now)
        if 0 < left <= limits.low_balance_warning_seconds:
            warnings.append(Warning("low_balance", "low_balance", left))
    return warnings
