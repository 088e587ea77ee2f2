"""The access records of the sessions an authority search finds: by person, by station or by the
points behind a public address (the same conditions as netpoint.provider.records.attribution)."""

from datetime import datetime, timedelta

from django.db import connection
from django.utils.translation import gettext_lazy as _

from netpoint.provider.records.attribution import WHICH

SERVICE_LABELS = {
    "web": _("Web"),
    "email": _("Thư điện tử"),
    "chat": _("Trò chuyện, nhắn tin"),
    "file_transfer": _("Truyền tệp"),
    "game": _("Trò chơi"),
    "other": _("Khác"),
}
COLUMNS = (
    "person_id",
    "full_name",
    "point",
    "station",
    "minute",
    "service",
    "destination",
    "port",
    "count",
)
# A session is found as the attribution queries find it; its access records are those of its
# point and local id inside its own time (a reinstalled point may number sessions again).
SELECT = """
SELECT s.person_id, p.full_name, r.code, s.station, a.minute, a.service, a.destination, a.port,
       sum(a.count)
FROM records_sessionrecord s
JOIN records_person p ON p.id = s.person_id
JOIN registry_point r ON r.id = s.point_id
JOIN accessrecords_accessrecord a ON a.point_id = s.point_id AND a.session = s.local_id
WHERE {which}
  AND s.started_at >= %s AND s.started_at <= %s AND (s.ended_at IS NULL OR s.ended_at >= %s)
  AND a.minute >= %s AND a.minute <= %s
  AND a.minute >= date_trunc('minute', s.started_at)
  AND (s.ended_at IS NULL OR a.minute <= s.ended_at)
GROUP BY s.person_id, p.full_name, r.code, s.station, a.minute, a.service, a.destination, a.port
ORDER BY a.minute, r.code, s.station, a.destination
LIMIT %s
"""


def access_records(
    which: str,
    args: tuple,
    sessions_from: datetime,
    sessions_to: datetime,
    period: tuple[datetime, datetime],
    longest: timedelta,
    limit: int,
) -> list[dict]:
    """Access records, oldest first, of the sessions running at some moment of
    [sessions_from, sessions_to] (none longer than `longest`), inside `period`."""
    bounds = (sessions_from - longest, sessions_to, sessions_from, *period)
    with connection.cursor() as cursor:
        cursor.execute(SELECT.format(which=WHICH[which]), (*args, *bounds, limit))
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["service_label"] = SERVICE_LABELS.get(row["service"], row["service"])
    return rows
