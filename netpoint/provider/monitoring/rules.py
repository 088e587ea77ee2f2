"""One pure rule per kind of violation: given the facts and the moment, the findings, each
with the evidence that shows it. No database: the service gathers the facts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from netpoint.common.policies.age import age_on, is_minor, needs_guardian
from netpoint.common.policies.hours import OpeningHours, is_open, next_closing, next_opening
from netpoint.common.policies.playtime import Interval, played, seconds_on_day
from netpoint.provider.registry.licences import licence_state


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str
    point_id: int
    occurred_at: datetime
    evidence: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SessionFact:
    point_id: int
    local_id: int
    station: str
    person_id: int
    started_at: datetime
    ended_at: datetime | None
    pauses: tuple[Interval, ...] = ()  # the cashier's pauses: not play
    # The point could not confirm the minor's minutes at other points at check-in (offline):
    # it enforced only what it knew, so this rule is what checks the day across points.
    minutes_unconfirmed: bool = False

    @property
    def played(self) -> tuple[Interval, ...]:
        return played(self.started_at, self.ended_at, self.pauses)


@dataclass(frozen=True)
class RegistrationFact:
    """How the point registered the person: when, with which document, with a guardian?"""

    registered_at: datetime
    id_type: str
    date_of_birth: date
    has_guardian: bool


@dataclass(frozen=True)
class BeatFact:
    point_id: int
    at: datetime
    software_version: str
    software_hash: str
    stations_in_use: int


@dataclass(frozen=True)
class UnattributedFact:
    """Lines a point's gateway logged in one minute from an address no session held."""

    point_id: int
    address: str
    station: str | None
    minute: datetime
    destination: str
    count: int


@dataclass(frozen=True)
class SilenceFact:
    point_id: int
    station: str
    last_seen: datetime
    noticed_at: datetime


@dataclass(frozen=True)
class Release:
    version: str
    software_hash: str
    released_on: date


def _session_evidence(session: SessionFact, tz) -> dict:
    return {
        "session": session.local_id,
        "station": session.station,
        "started_at": _local(session.started_at, tz),
        "ended_at": _local(session.ended_at, tz) if session.ended_at else None,
    }


def _local(instant: datetime, tz) -> str:
    return instant.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def after_hours(
    sessions: list[SessionFact], hours_of: dict[int, OpeningHours | None], now: datetime, tz
) -> list[Finding]:
    """A session that started while the point had to be closed, or ran on past closing."""
    found = []
    for session in sessions:
        hours = hours_of.get(session.point_id)
        if hours is None:
            continue
        end = session.ended_at or now
        if not is_open(hours, session.started_at, tz):
            outside_from = session.started_at
        else:
            closing = next_closing(hours, session.started_at, tz)
            if end <= closing:
                continue
            outside_from = closing
        outside_to = min(end, next_opening(hours, outside_from, tz))
        found.append(
            Finding(
                "after_hours",
                f"{session.point_id}:{session.local_id}",
                session.point_id,
                outside_from,
                _session_evidence(session, tz)
                | {
                    "opens": hours.opens.strftime("%H:%M"),
                    "closes": hours.closes.strftime("%H:%M"),
                    "minutes_outside": int((outside_to - outside_from).total_seconds() // 60),
                },
            )
        )
    return found


def minors_over_limit(
    sessions: list[SessionFact],
    births: dict[int, date],
    now: datetime,
    tz,
    adult_age: int,
    limit_seconds: int,
) -> list[Finding]:
    """A minor whose play on one local day, across every point, went past the limit. The
    finding belongs to the point where the limit was crossed."""
    by_person: dict[int, list[SessionFact]] = defaultdict(list)
    for session in sessions:
        by_person[session.person_id].append(session)
    found = []
    for person_id, own in by_person.items():
        own.sort(key=lambda s: s.started_at)
        days = set()
        for session in own:
            days.add(session.started_at.astimezone(tz).date())
            days.add((session.ended_at or now).astimezone(tz).date())
        for day in sorted(days):
            if person_id not in births or not is_minor(births[person_id], day, adult_age):
                continue
            intervals = [stretch for s in own for stretch in s.played]
            played = seconds_on_day(intervals, day, now, tz)
            if played <= limit_seconds:
                continue
            crossing = own[-1]
            for count in range(1, len(own) + 1):
                prefix = [stretch for s in own[:count] for stretch in s.played]
                if seconds_on_day(prefix, day, now, tz) > limit_seconds:
                    crossing = own[count - 1]
                    break
            found.append(
                Finding(
                    "minor_limit",
                    f"{person_id}:{day.isoformat()}",
                    crossing.point_id,
                    crossing.started_at,
                    {
                        "day": day.strftime("%d/%m/%Y"),
                        "age": age_on(births[person_id], day),
                        "minutes_played": played // 60,
                        "limit_minutes": limit_seconds // 60,
                        # Sessions begun offline, whose minutes elsewhere went unchecked.
                        "unconfirmed_sessions": sum(s.minutes_unconfirmed for s in own),
                        "sessions": [
                            _session_evidence(s, tz) | {"point_id": s.point_id} for s in own
                        ],
                    },
                )
            )
    return found


def without_identity(
    sessions: list[SessionFact],
    registrations: dict[tuple[int, int], RegistrationFact],
    accepted_id_types: set[str],
    guardian_age: int,
    tz,
) -> list[Finding]:
    """A session whose customer the point had not registered with a valid document before it
    began, or a child under the guardian age with no guardian on record."""
    found = []
    for session in sessions:
        registration = registrations.get((session.point_id, session.person_id))
        reasons = []
        if registration is None or registration.registered_at > session.started_at:
            reasons.append("registered_after_start")
        if registration is not None:
            if registration.id_type not in accepted_id_types:
                reasons.append("unknown_document")
            started_on = session.started_at.astimezone(tz).date()
            if (
                needs_guardian(registration.date_of_birth, started_on, guardian_age)
                and not registration.has_guardian
            ):
                reasons.append("no_guardian")
        if reasons:
            found.append(
                Finding(
                    "no_identity",
                    f"{session.point_id}:{session.local_id}",
                    session.point_id,
                    session.started_at,
                    _session_evidence(session, tz) | {"reasons": reasons},
                )
            )
    return found


def silent_in_use(beats: list[BeatFact], now: datetime, silent_after: timedelta, tz) -> list:
    """A point whose last heartbeat said stations were in use, and has said nothing since."""
    return [
        Finding(
            "silent",
            f"{beat.point_id}:{beat.at.isoformat()}",
            beat.point_id,
            beat.at + silent_after,
            {
                "last_heartbeat": _local(beat.at, tz),
                "stations_in_use": beat.stations_in_use,
                "silent_minutes": int((now - beat.at).total_seconds() // 60),
            },
        )
        for beat in beats
        if beat.stations_in_use > 0 and now - beat.at > silent_after
    ]


def software(beats: list[BeatFact], releases: list[Release], tz) -> list[Finding]:
    """Against the provider's list of releases: a hash it never released for that version is
    modified software; a released build older than the newest is outdated. Without a list
    nothing can be judged."""
    if not releases:
        return []
    newest = max(releases, key=lambda r: (r.released_on, r.version))
    released = {(r.version, r.software_hash) for r in releases}
    found = []
    for beat in beats:
        evidence = {
            "software_version": beat.software_version,
            "software_hash": beat.software_hash,
            "reported_at": _local(beat.at, tz),
            "newest_version": newest.version,
        }
        if (beat.software_version, beat.software_hash) not in released:
            key = f"{beat.point_id}:{beat.software_version}:{beat.software_hash}"
            found.append(Finding("software_modified", key, beat.point_id, beat.at, evidence))
        elif beat.software_version != newest.version:
            key = f"{beat.point_id}:{beat.software_version}:{newest.version}"
            found.append(Finding("software_outdated", key, beat.point_id, beat.at, evidence))
    return found


# The kind of finding for each state of a licence that is one (registry.licences).
LICENCE_KINDS = {"expired": "licence_expired", "expiring": "licence_expiring"}


def licence_key(point_id: int, state: str, expires_on: date) -> str:
    """A licence finding's key: one per point, state and expiry date, so a renewal (a new date)
    is a new finding and the old one no longer holds."""
    return f"{point_id}:{state}:{expires_on.isoformat()}"


def licences(
    points: list[tuple[int, date | None]], now: datetime, tz, warning_days: int
) -> list[Finding]:
    today = now.astimezone(tz).date()
    found = []
    for point_id, expires_on in points:
        state = licence_state(expires_on, today, warning_days)
        if state.code not in LICENCE_KINDS:
            continue
        # The day it expired, or the day it entered the warning period: the same each run.
        since = expires_on if state.code == "expired" else expires_on - timedelta(warning_days)
        found.append(
            Finding(
                LICENCE_KINDS[state.code],
                licence_key(point_id, state.code, expires_on),
                point_id,
                datetime.combine(since, time(), tzinfo=tz),
                {
                    "state": state.code,
                    "expires_on": expires_on.strftime("%d/%m/%Y"),
                    "days_left": state.days_left,
                },
            )
        )
    return found


# Destinations named in a finding's evidence: enough to see what was used.
DESTINATIONS_SHOWN = 5


def no_session_access(
    facts: list[UnattributedFact], tz, gap: timedelta, min_lines: int
) -> list[Finding]:
    """An address that reached the internet with no session: one finding per stretch of its
    minutes with no pause longer than `gap`, once it has at least `min_lines` lines. The key is
    the stretch's first minute, so the job finds the same one again as the stretch grows."""
    by_address: dict[tuple[int, str], list[UnattributedFact]] = defaultdict(list)
    for fact in facts:
        by_address[(fact.point_id, fact.address)].append(fact)
    found = []
    for (point_id, address), own in by_address.items():
        own.sort(key=lambda f: f.minute)
        stretch = [own[0]]
        for fact in own[1:]:
            if fact.minute - stretch[-1].minute > gap:
                found += _access_finding(point_id, address, stretch, tz, min_lines)
                stretch = []
            stretch.append(fact)
        found += _access_finding(point_id, address, stretch, tz, min_lines)
    return found


def _access_finding(point_id, address, stretch, tz, min_lines) -> list[Finding]:
    lines = sum(f.count for f in stretch)
    if lines < min_lines:
        return []
    by_destination: dict[str, int] = defaultdict(int)
    for fact in stretch:
        by_destination[fact.destination] += fact.count
    shown = sorted(by_destination.items(), key=lambda d: (-d[1], d[0]))[:DESTINATIONS_SHOWN]
    first, last = stretch[0].minute, stretch[-1].minute
    station = next((f.station for f in stretch if f.station), None)
    return [
        Finding(
            "no_session_access",
            f"{point_id}:{address}:{first.isoformat()}",
            point_id,
            first,
            {
                "station": station,
                "address": address,
                "first_minute": _local(first, tz),
                "last_minute": _local(last, tz),
                "lines": lines,
                "destinations": [name for name, _count in shown],
            },
        )
    ]


def stations_silent(facts: list[SilenceFact], tz) -> list[Finding]:
    """A free station whose agent fell silent without a goodbye, as its point reported it."""
    return [
        Finding(
            "station_silent",
            f"{fact.point_id}:{fact.station}:{fact.last_seen.isoformat()}",
            fact.point_id,
            fact.last_seen,
            {
                "station": fact.station,
                "last_heartbeat": _local(fact.last_seen, tz),
                "noticed_at": _local(fact.noticed_at, tz),
            },
        )
        for fact in facts
    ]
