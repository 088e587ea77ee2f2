"""The province view as JSON, for the Sở's own tools: the same scope as the pages, so another
province's point is a 404 here too. Logged-in users only (the session cookie)."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from netpoint.provider.monitoring.figures import point_rows
from netpoint.provider.monitoring.scope import get_point_by_code, scope_of

router = Router(tags=["monitoring"])


class PointOut(Schema):
    code: str
    name: str
    point_type: str
    ward_code: int
    ward: str
    online: bool
    last_heartbeat_at: datetime | None
    stations_in_use: int
    stations_total: int
    sessions_today: int
    customers_today: int
    open_violations: int


class MessageOut(Schema):
    message: str


def _scope(request):
    if not request.user.is_authenticated:
        raise HttpError(401, _("Cần đăng nhập."))
    scope = scope_of(request.user)
    if scope is None:
        raise HttpError(403, _("Bạn không có quyền xem trang giám sát."))
    return scope


def _out(row) -> dict:
    point = row.point
    return {
        "code": point.code,
        "name": point.name,
        "point_type": point.point_type,
        "ward_code": point.ward_code,
        "ward": row.ward,
        "online": row.online,
        "last_heartbeat_at": row.last_heartbeat_at,
        "stations_in_use": row.stations_in_use,
        "stations_total": row.stations_total,
        "sessions_today": row.sessions_today,
        "customers_today": row.customers_today,
        "open_violations": row.open_violations,
    }


@router.get(
    "/monitoring/points",
    response={200: list[PointOut], 401: MessageOut, 403: MessageOut},
    url_name="monitoring-api-points",
)
def points(request, status: str = ""):
    if status not in ("", "online", "offline"):
        raise HttpError(422, _("Trạng thái chỉ có thể là online hoặc offline."))
    return [_out(row) for row in point_rows(_scope(request), status=status)]


@router.get(
    "/monitoring/points/{code}",
    response={200: PointOut, 401: MessageOut, 403: MessageOut, 404: MessageOut},
    url_name="monitoring-api-point",
)
def point(request, code: str):
    scope = _scope(request)
    found = get_point_by_code(scope, code[:32])
    if found is None:
        raise HttpError(404, _("Không có điểm này trong địa bàn của bạn."))
    rows = [r for r in point_rows(scope, query=found.code) if r.point.pk == found.pk]
    return _out(rows[0])
