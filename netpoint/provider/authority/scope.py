"""Whether a written request covers a search (REQUIREMENTS B.5): the rule, as a pure function
of the request's facts, the search and the clock, and beside it the SQL that mirrors it, with
which the searches ask the database only about the one person or the few points searched (a
request's lists can run to thousands). Each statement here says which part of the rule it
mirrors; a change to one is a change to both."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy

from netpoint.common.core.plainsql import prepared_cursor
from netpoint.provider.authority.finding import Query
from netpoint.provider.authority.models import WrittenRequest
from netpoint.provider.authority.requests import organisation_of

REFUSALS = {
    "not_approved": gettext_lazy("Văn bản chưa được phê duyệt."),
    "expired": gettext_lazy("Văn bản đã hết hiệu lực."),
    "outside_time": gettext_lazy("Khoảng thời gian tìm nằm ngoài phạm vi văn bản."),
    "person_not_in_scope": gettext_lazy("Người cần tìm không nằm trong phạm vi văn bản."),
    "point_not_in_scope": gettext_lazy("Điểm cần tìm không nằm trong phạm vi văn bản."),
    "not_your_organisation": gettext_lazy("Văn bản không thuộc cơ quan của bạn."),
    "nothing_to_search": gettext_lazy("Không có gì để tìm."),
    "bad_time": gettext_lazy("Khoảng thời gian không hợp lệ."),
}


class SearchRefused(PermissionError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])


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
    if search.id_index:  # PERSON_COVERED["id_index"]
        return None if search.id_index in facts.id_indexes else "person_not_in_scope"
    if search.phone_index:  # PERSON_COVERED["phone_index"]
        return None if search.phone_index in facts.phone_indexes else "person_not_in_scope"
    if search.name:  # PERSON_COVERED["name"]
        return None if normalise_name(search.name) in facts.names else "person_not_in_scope"
    if search.point_id is not None:  # POINT_COVERED, POINTS_COVERED
        return None if search.point_id in facts.point_ids else "point_not_in_scope"
    return "nothing_to_search"


# `search.id_index in facts.id_indexes` (and the phone's, the name's) for the one person
# searched, given (value, request id): in the person's search's own statement
# (records.lookups.of_person) or alone (the access records' search).
PERSON_COVERED_SQL = """
SELECT w.{column} @> to_jsonb(%s::text) AS covered FROM authority_writtenrequest w WHERE w.id = %s
"""
PERSON_COVERED = {
    key: PERSON_COVERED_SQL.format(column=column)
    for key, column in (
        ("id_index", "id_indexes"),
        ("phone_index", "phone_indexes"),
        ("name", "names"),
    )
}
# `search.point_id in facts.point_ids` for a point `r` (registry_point), given the request id:
# in the statement that finds the points a station or IP search names
# (records.lookups.POINTS_SQL). A scalar subquery with LIMIT, not EXISTS: the generic plan would
# hash the request's whole list of points.
POINT_COVERED = """(SELECT true FROM authority_writtenrequest_points w
                    WHERE w.writtenrequest_id = %s AND w.point_id = r.id LIMIT 1) IS NOT NULL"""
# The same for points known already (an IP:port's hotspots), given the request id and the
# points: the link table alone, no join to the points, which are not read.
POINTS_COVERED = """
SELECT point_id FROM authority_writtenrequest_points
WHERE writtenrequest_id = %s AND point_id = ANY(%s)
"""
# The key of PERSON_COVERED, and of the policy's Search, by the kind of a person's search.
PERSON_KEYS = {"id_number": "id_index", "phone": "phone_index", "name": "name"}


@dataclass(frozen=True)
class Covered:
    """What of a search the request covers, as the statement that read it found: whether it
    names the person searched; or the points searched, each with whether it covers it."""

    person: bool = False
    points: Mapping[int, bool] = field(default_factory=dict)


def person_covered(request: WrittenRequest, query: Query) -> tuple[str, tuple]:
    """The PERSON_COVERED statement of a person's search under `request`, and its arguments."""
    key = PERSON_KEYS[query.kind]
    value = normalise_name(query.name) if key == "name" else query.index
    return PERSON_COVERED[key], (value, request.pk)


def names_confined_to_points(request: WrittenRequest, query: Query) -> bool:
    """A name search under a request that names points finds people only by their sessions at
    those points: many share a name, and the letter's points are what says which of them it
    means (records.attribution.WHICH["name_at_points"]). A request naming no points searches
    the name everywhere, as its letter asks."""
    return query.kind == "name" and request.points.exists()


def names_person(request: WrittenRequest, query: Query) -> bool:
    """Whether the request names the person of a person's search, asked alone."""
    sql, args = person_covered(request, query)
    with prepared_cursor(replicated=True) as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()] == [True]


def points_covered(request: WrittenRequest, points: tuple[int, ...]) -> Covered:
    """Which of `points` (known already) the request covers."""
    if not points:
        return Covered()
    with prepared_cursor(replicated=True) as cursor:
        cursor.execute(POINTS_COVERED, [request.pk, list(points)])
        yes = {row[0] for row in cursor.fetchall()}
    return Covered(points={point: point in yes for point in points})


def searches(query: Query, covered: Covered) -> list[Search]:
    """What the policy judges of a search: the person's, or one per point searched."""
    if query.kind in PERSON_KEYS:
        key = PERSON_KEYS[query.kind]
        value = query.name if key == "name" else query.index
        return [Search(time_from=query.start, time_to=query.end, **{key: value})]
    start, end = query.start, query.end
    return [Search(time_from=start, time_to=end, point_id=p) for p in sorted(covered.points)]


def facts(request: WrittenRequest, asked=(), covered: Covered | None = None) -> RequestFacts:
    """The request as the policy sees it; of the persons and points it names only those of
    `asked` that `covered` says it covers (its lists are never read whole)."""
    persons = [s for s in asked if s.point_id is None] if covered and covered.person else []
    return RequestFacts(
        approved=request.status == WrittenRequest.Status.APPROVED,
        valid_until=request.valid_until,
        time_from=request.time_from,
        time_to=request.time_to,
        id_indexes=frozenset(s.id_index for s in persons if s.id_index),
        phone_indexes=frozenset(s.phone_index for s in persons if s.phone_index),
        names=frozenset(normalise_name(s.name) for s in persons if s.name),
        point_ids=frozenset(p for p, yes in covered.points.items() if yes)
        if covered
        else frozenset(),
    )


def not_member(request: WrittenRequest, user) -> str | None:
    """Only the organisation that sent the letter searches under it."""
    if organisation_of(user) != request.organisation_id:
        return "not_your_organisation"
    return None


def refusal_of(request: WrittenRequest, user, query: Query, covered: Covered | None, now):
    """Why `user` may not make the search under `request`, as a code; None if they may.
    `covered` None: before anything is read, what refuses the search whatever it names; then
    with what its statement found of what it names (none of it: it names nothing that
    exists, refused as out of scope)."""
    if covered is None:
        code = not_member(request, user)
        return code or refusal_whatever_searched(facts(request), query.start, query.end, now)
    asked = searches(query, covered)
    if not asked:
        return "point_not_in_scope"
    request_facts = facts(request, asked, covered)
    for search in asked:
        code = refusal(request_facts, search, now)
        if code:
            return code
    return None
