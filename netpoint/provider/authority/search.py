"""Running a search under a written request: the scope checked once (`under`), the central
records read in the same statement as the check, the apps' finders asked once it has passed
(netpoint.provider.authority.finding), and the search audited with the request's reference.
ID and phone numbers never go into the audit log (the request's reference stands for them)."""

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import NamedTuple, TypeVar

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.provider.authority import disclosure, finding, plans, scope
from netpoint.provider.authority.finding import Person
from netpoint.provider.authority.models import WrittenRequest
from netpoint.provider.authority.plans import Plan
from netpoint.provider.authority.scope import Covered, SearchRefused
from netpoint.provider.records import lookups as records
from netpoint.provider.records import replica

Read = TypeVar("Read")


def _refused(request: WrittenRequest, user, kind: str, code: str) -> None:
    audit.record(
        "search_refused", user=user, target=request.reference, detail={"kind": kind, "reason": code}
    )
    raise SearchRefused(code)


def check_member(request: WrittenRequest, user, kind: str = "any") -> None:
    """Only the organisation that sent the letter searches under it; anyone else is refused
    (and the attempt audited) before anything is read."""
    code = scope.not_member(request, user)
    if code:
        _refused(request, user, kind, code)


def under(
    request: WrittenRequest,
    user,
    plan: Plan,
    read: Callable[[], tuple[Covered, Read]],
    kind: str | None = None,
) -> Read:
    """What `read` reads for the plan, if the request covers it: the one scope check of every
    search. What refuses the search whatever it names is checked before anything is read;
    `read` then finds what the search names and what of it the request covers, reading nothing
    more unless it covers all (one statement); then the rule decides (scope.refusal_of).
    Refusals are audited under `kind` (the plan's)."""
    kind = kind or plan.kind
    now = clock.now()
    code = scope.refusal_of(request, user, plan.query, None, now)
    if code:
        _refused(request, user, kind, code)
    covered, found = read()
    code = scope.refusal_of(request, user, plan.query, covered, now)
    if code:
        _refused(request, user, kind, code)
    return found


def _core(request: WrittenRequest, plan: Plan) -> tuple[Covered, list[Person]]:
    """The central records' people that the plan names, if the request covers them."""
    query = plan.query
    if plan.points is not None:
        return scope.points_covered(request, plan.points), []
    if query.kind in scope.PERSON_KEYS:
        at = request.pk if scope.names_confined_to_points(request, query) else None
        yes, people = records.of_person(query, *scope.person_covered(request, query), at)
        return Covered(person=yes), people
    points, people = records.at_points(query, scope.POINT_COVERED, (request.pk,))
    return Covered(points=points), people


def audited(request: WrittenRequest, user, kind: str, results: list) -> list:
    audit.record(
        "search",
        user=user,
        target=request.reference,
        detail={"kind": kind, "results": len(results)},
    )
    return results


def found_under(request: WrittenRequest, user, plan: Plan) -> list[Person]:
    """The people the plan finds, with their sessions; refused (and audited) unless the
    request covers it, audited when answered."""
    people = under(request, user, plan, partial(_core, request, plan))
    return audited(request, user, plan.kind, finding.completed(plan.query, people))


def search(request: WrittenRequest, user, kind: str, value: str, at: datetime | None):
    """A search as a user asks it (plans.plan)."""
    return found_under(request, user, plans.plan(request, kind, value, at))


class Searched(NamedTuple):
    """A search's people, all their numbers still in, what names the search in a second
    officer's approval (disclosure.digest), and the database that answered it."""

    found: list[Person]
    digest: str
    source: replica.Source = replica.PRIMARY


def searched(request: WrittenRequest, user, kind: str, value: str, at: datetime | None):
    """As `search`, for the page and the API, which show it by the two-person rule
    (services.disclose) or export it (exports.export)."""
    plan = plans.plan(request, kind, value, at)
    with replica.from_replica() as source:
        found = found_under(request, user, plan)
    return Searched(found, disclosure.digest(plan.query), source)


def search_person(request: WrittenRequest, user, *, time_from, time_to, **person) -> list[Person]:
    """Where and when did this person use the service (`person`: id_type and id_number, or
    phone, or name)."""
    return found_under(request, user, plans.person_plan(time_from, time_to, **person))


def search_station(request: WrittenRequest, user, *, point_code: str, station: str, at):
    """Who was at point P, station S at time T."""
    return found_under(request, user, plans.station_plan(point_code, station, at))


def search_ip(request: WrittenRequest, user, *, ip: str, at: datetime) -> list[Person]:
    """Who used public IP A at time T: who was at the points that use that address."""
    return found_under(request, user, plans.ip_plan(ip, at))
