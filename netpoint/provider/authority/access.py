"""The access records (REQUIREMENTS A.7: addresses visited, when, kind of service) of the
sessions a search finds, under the same written request, scope check and audit as the search."""

from datetime import datetime
from functools import partial

from netpoint.provider.accessrecords import search as access_search
from netpoint.provider.authority import plans, scope
from netpoint.provider.authority.models import WrittenRequest
from netpoint.provider.authority.plans import Plan
from netpoint.provider.authority.scope import Covered
from netpoint.provider.authority.search import audited, under
from netpoint.provider.records import lookups as records

ACCESS_ROWS_SHOWN = 2000


def _sessions(request: WrittenRequest, plan: Plan) -> tuple[Covered, tuple[str, tuple]]:
    """What the plan names and the request covers of it, and the sessions whose access
    records are read, as the attribution query that finds them (attribution.WHICH) and its
    arguments."""
    query = plan.query
    if plan.points is not None:
        return scope.points_covered(request, plan.points), ("points", (list(plan.points),))
    if query.kind in scope.PERSON_KEYS:
        which = records.PERSON_WHICH[query.kind]
        value = query.name if query.kind == "name" else query.index
        args = (value,)
        if scope.names_confined_to_points(request, query):
            which, args = "name_at_points", (value, request.pk)
        return Covered(person=scope.names_person(request, query)), (which, args)
    points = records.points_named(query, scope.POINT_COVERED, (request.pk,))
    found = sorted(points)
    if query.kind == "station":
        return Covered(points=points), (
            "station",
            (next(iter(found), None), query.station, query.station),
        )
    return Covered(points=points), ("points", (found,))


def search_access(
    request: WrittenRequest, user, kind: str, value: str, at: datetime | None
) -> list[dict]:
    """The access records of the sessions a search (as search.search takes it) finds, inside
    the request's period: checked against the request and audited like the search, at most
    ACCESS_ROWS_SHOWN rows."""
    plan = plans.plan(request, kind, value, at)
    if plan.at_hotspots:
        # Hotspots keep no access records here: nothing to read, nothing to audit.
        return []
    audit_kind = f"access_{plan.kind}"
    which, args = under(request, user, plan, partial(_sessions, request, plan), audit_kind)
    query = plan.query
    rows = access_search.access_records(
        which,
        args,
        query.start,
        query.end,
        (request.time_from, request.time_to),
        query.longest,
        ACCESS_ROWS_SHOWN,
    )
    return audited(request, user, audit_kind, rows)
