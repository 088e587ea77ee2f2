"""Whether a search falls under a written request: a pure function of the request's facts,
the search and the clock (REQUIREMENTS B.5)."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RequestFacts:
    approved: bool
    valid_until: datetime
    time_from: datetime
    time_to: datetime
    id_indexes: frozenset[str]
    phone_indexes: frozenset[str]
    names: frozenset[str]  # normalised: see normalise_name
    point_ids: frozenset[int]


@dataclass(frozen=True)
class Search:
    """One search: exactly one of the person keys, or a point, and a time range."""

    time_from: datetime
    time_to: datetime
    id_index: str = ""
    phone_index: str = ""
    name: str = ""
    point_id: int | None = None


def normalise_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def refusal_whatever_searched(facts: RequestFacts, time_from, time_to, now) -> str | None:
    """The reasons to refuse a search over [time_from, time_to] whoever or wherever it is for:
    known before anything is looked up."""
    if not facts.approved:
        return "not_approved"
    if now > facts.valid_until:
        return "expired"
    if time_from < facts.time_from or time_to > facts.time_to:
        return "outside_time"
    if time_from > time_to:
        return "bad_time"
    return None


def refusal(facts: RequestFacts, search: Search, now: datetime) -> str | None:
    """None if the request covers the search; otherwise the reason, as a code."""
    code = refusal_whatever_searched(facts, search.time_from, search.time_to, now)
    if code:
        return code
    if search.id_index:
        return None if search.id_index in facts.id_indexes else "person_not_in_scope"
    if search.phone_index:
        return None if search.phone_index in facts.phone_indexes else "person_not_in_scope"
    if search.name:
        return None if normalise_name(search.name) in facts.names else "person_not_in_scope"
    if search.point_id is not None:
        return None if search.point_id in facts.point_ids else "point_not_in_scope"
    return "nothing_to_search"
