"""Public Wi-Fi statistics (REQUIREMENTS C, seed 003): the points by area, venue and contract
type, and per point the sessions and the distinct devices over a period. Aggregates only: no
MAC address or login leaves these queries."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection

from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.wifi.models import Nas
from netpoint.provider.registry import divisions
from netpoint.provider.registry.models import Point


@dataclass(frozen=True)
class Selection:
    """Which public Wi-Fi points, and which days (local dates, both included)."""

    date_from: date
    date_to: date
    province_code: int | None = None
    venue_type: str = ""
    contract_type: str = ""

    def window(self) -> tuple[datetime, datetime]:
        """From local midnight of the first day to local midnight after the last."""
        tz = local_tz()
        start = datetime.combine(self.date_from, time.min, tzinfo=tz)
        end = datetime.combine(self.date_to + timedelta(days=1), time.min, tzinfo=tz)
        return start, end


@dataclass(frozen=True)
class PointUsage:
    point: Point
    nas_count: int
    sessions: int
    devices: int

    @property
    def province(self) -> str:
        return divisions.province_name(self.point.province_code)


@dataclass(frozen=True)
class Statistics:
    total: int
    by_province: list[tuple[int, str, int]]
    by_venue: list[tuple[str, str, int]]
    by_contract: list[tuple[str, str, int]]
    usage: list[PointUsage]
    sessions: int
    # Distinct over all the points together: a phone seen at two points counts once.
    devices: int


def wifi_points(selection: Selection):
    """The active public Wi-Fi points the selection names."""
    points = Point.objects.filter(point_type=Point.Type.WIFI, active=True)
    if selection.province_code is not None:
        points = points.filter(province_code=selection.province_code)
    if selection.venue_type:
        points = points.filter(venue_type=selection.venue_type)
    if selection.contract_type:
        points = points.filter(contract_type=selection.contract_type)
    return points


def _counted(values, labels: dict) -> list[tuple[str, str, int]]:
    """Every choice in its own order, with zero for those no point has."""
    counts = Counter(values)
    return [(value, str(label), counts.get(value, 0)) for value, label in labels.items()]


# Sessions that started in the period, matched to the point by the NAS's address; the
# start-time index finds the rows. They are first counted per point and device (a hash
# table of a few thousand pairs, where count(DISTINCT) would sort every session), then per
# point, and (the row without a point) over all points. Only counts come back.
USAGE = (
    "WITH pairs AS (SELECT n.point_id, r.callingstationid AS device, count(*) AS sessions "
    "FROM radacct AS r JOIN wifi_nas AS n ON n.ip_address = r.nasipaddress "
    "WHERE r.acctstarttime >= %(start)s AND r.acctstarttime < %(end)s "
    "AND n.point_id = ANY(%(points)s) GROUP BY n.point_id, r.callingstationid) "
    "SELECT point_id, sum(sessions)::bigint, count(device) FROM pairs GROUP BY point_id "
    "UNION ALL SELECT NULL, coalesce(sum(sessions), 0)::bigint, count(DISTINCT device) FROM pairs"
)


def statistics(selection: Selection) -> Statistics:
    points = list(
        wifi_points(selection)
        .order_by("province_code", "code")
        .only("code", "name", "province_code", "ward_code", "venue_type", "contract_type")
    )
    ids = [p.pk for p in points]
    start, end = selection.window()
    params = {"start": start, "end": end, "points": ids}
    with connection.cursor() as cursor:
        cursor.execute(USAGE, params)
        used = {point_id: (sessions, devices) for point_id, sessions, devices in cursor}
    sessions, devices = used.pop(None)
    nas_counts = Counter(Nas.objects.filter(point_id__in=ids).values_list("point_id", flat=True))
    provinces = Counter(p.province_code for p in points)
    return Statistics(
        total=len(points),
        by_province=[
            (code, divisions.province_name(code), n) for code, n in sorted(provinces.items())
        ],
        by_venue=_counted((p.venue_type for p in points), dict(Point.Venue.choices)),
        by_contract=_counted((p.contract_type for p in points), dict(Point.Contract.choices)),
        usage=[PointUsage(p, nas_counts.get(p.pk, 0), *used.get(p.pk, (0, 0))) for p in points],
        sessions=sessions,
        devices=devices,
    )
