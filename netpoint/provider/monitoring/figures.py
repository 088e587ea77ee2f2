"""The dashboard's figures for the Sở and the provider: counts only, never a person. Each
takes a Scope (scope.py), so a province sees only its own points. Reads only; the one
hand-written statement (each point's last heartbeat) is here beside what it computes."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncHour

from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.provider.monitoring.conf import conf
from netpoint.provider.monitoring.models import Violation
from netpoint.provider.monitoring.scope import Scope
from netpoint.provider.records.models import Heartbeat, SessionRecord
from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Point


def _today_start(now: datetime) -> datetime:
    tz = local_tz()
    local = now.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


LAST_BEATS = """
    SELECT h.id, h.point_id, h.at, h.software_version, h.software_hash, h.stations_in_use,
        h.stations_total
    FROM registry_point p CROSS JOIN LATERAL (
        SELECT * FROM records_heartbeat b WHERE b.point_id = p.id AND b.at >= %s
        ORDER BY b.at DESC LIMIT 1
    ) h
    WHERE p.id IN ({points})
"""


def last_beats(points, since: datetime) -> dict[int, Heartbeat]:
    """Each point's last heartbeat since `since`: one short walk down the (point, time) index
    per point instead of sorting every heartbeat of the period."""
    try:
        subquery, params = points.values("pk").query.sql_with_params()
    except EmptyResultSet:  # no points (a province without any yet): no heartbeats
        return {}
    beats = Heartbeat.objects.raw(LAST_BEATS.format(points=subquery), [since, *params])
    return {beat.point_id: beat for beat in beats}


@dataclass(frozen=True)
class PointRow:
    point: Point
    ward: str
    online: bool
    last_heartbeat_at: datetime | None
    stations_in_use: int
    stations_total: int
    sessions_today: int
    customers_today: int
    open_violations: int


def point_rows(scope: Scope, *, query="", ward=None, point_type="", status="") -> list[PointRow]:
    """The list the Sở watches: counts only, never a person."""
    now = clock.now()
    points = scope.points()
    if query:
        points = points.filter(Q(code__icontains=query) | Q(name__icontains=query))
    if ward:
        points = points.filter(ward_code=ward)
    if point_type:
        points = points.filter(point_type=point_type)
    points = list(points[:2000])
    ids = [p.pk for p in points]
    beats = last_beats(Point.objects.filter(pk__in=ids), now - timedelta(days=7))
    today = (
        SessionRecord.objects.filter(point_id__in=ids, started_at__gte=_today_start(now))
        .values("point_id")
        .annotate(sessions=Count("id"), customers=Count("person_id", distinct=True))
    )
    counts = {row["point_id"]: row for row in today}
    violations = dict(
        Violation.objects.filter(point_id__in=ids)
        .exclude(state=Violation.State.RESOLVED)
        .values_list("point_id")
        .annotate(n=Count("id"))
    )
    online_since = now - timedelta(minutes=conf().online_within_minutes)
    rows = []
    for point in points:
        beat = beats.get(point.pk)
        online = beat is not None and beat.at >= online_since
        if status == "online" and not online or status == "offline" and online:
            continue
        rows.append(
            PointRow(
                point=point,
                ward=divisions.ward_name(point.ward_code),
                online=online,
                last_heartbeat_at=beat.at if beat else None,
                stations_in_use=beat.stations_in_use if online else 0,
                stations_total=beat.stations_total if beat else 0,
                sessions_today=counts.get(point.pk, {}).get("sessions", 0),
                customers_today=counts.get(point.pk, {}).get("customers", 0),
                open_violations=violations.get(point.pk, 0),
            )
        )
    return rows


@dataclass(frozen=True)
class WardRow:
    ward_code: int
    ward: str
    points: int
    online: int
    stations_in_use: int
    sessions_today: int
    customers_today: int
    open_violations: int


def ward_overview(rows: list[PointRow]) -> list[WardRow]:
    by_ward: dict[int, list[PointRow]] = defaultdict(list)
    for row in rows:
        by_ward[row.point.ward_code].append(row)
    overview = [
        WardRow(
            ward_code=code,
            ward=divisions.ward_name(code),
            points=len(own),
            online=sum(r.online for r in own),
            stations_in_use=sum(r.stations_in_use for r in own),
            sessions_today=sum(r.sessions_today for r in own),
            customers_today=sum(r.customers_today for r in own),
            open_violations=sum(r.open_violations for r in own),
        )
        for code, own in by_ward.items()
    ]
    return sorted(overview, key=lambda w: (-w.points, w.ward))


def sessions_per_hour(scope: Scope, point: Point | None = None) -> list[tuple[str, int]]:
    """Today's sessions by the local hour they started in."""
    now = clock.now()
    sessions = SessionRecord.objects.filter(
        point_id__in=_ids(scope, point), started_at__gte=_today_start(now)
    )
    counted = dict(
        sessions.annotate(hour=ExtractHour("started_at", tzinfo=local_tz()))
        .values_list("hour")
        .annotate(n=Count("id"))
    )
    return [(f"{hour:02d}", counted.get(hour, 0)) for hour in range(24)]


def online_over_time(scope: Scope, hours: int = 24, point: Point | None = None) -> list:
    """Points heard from in each of the last hours (for one point: its stations in use)."""
    now = clock.now()
    tz = local_tz()
    since = (now - timedelta(hours=hours - 1)).replace(minute=0, second=0, microsecond=0)
    beats = Heartbeat.objects.filter(point_id__in=_ids(scope, point), at__gte=since)
    by_hour = beats.annotate(hour=TruncHour("at", tzinfo=tz)).values("hour")
    if point is None:
        counted = dict(
            by_hour.annotate(n=Count("point_id", distinct=True)).values_list("hour", "n")
        )
    else:
        counted = {}
        for hour, in_use in by_hour.values_list("hour", "stations_in_use"):
            counted[hour] = max(counted.get(hour, 0), in_use)
    counted = {hour.astimezone(tz).replace(minute=0): n for hour, n in counted.items()}
    series = []
    for step in range(hours):
        hour = (since + timedelta(hours=step)).astimezone(tz)
        series.append((hour.strftime("%H"), counted.get(hour, 0)))
    return series


def violations_by_kind(scope: Scope, point: Point | None = None) -> list[tuple[str, int]]:
    found = scope.violations().exclude(state=Violation.State.RESOLVED)
    if point is not None:
        found = found.filter(point=point)
    counted = dict(found.values_list("kind").annotate(n=Count("id")))
    return [(label, counted.get(kind, 0)) for kind, label in Violation.Kind.choices]


def _ids(scope: Scope, point: Point | None):
    if point is not None:
        return [point.pk]
    return scope.points().values("pk")
