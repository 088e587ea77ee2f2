"""The public Wi-Fi statistics as JSON, for the provider's own tools: the same filters, figures
and permission as the page. Logged-in staff only (the session cookie); counts only, no MAC."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from netpoint.provider.modules.wifi import stats
from netpoint.provider.modules.wifi.forms import StatsForm

router = Router(tags=["wifi"])


class CountOut(Schema):
    code: str
    label: str
    points: int


class ProvinceOut(Schema):
    province_code: int
    province: str
    points: int


class PointUsageOut(Schema):
    code: str
    name: str
    province_code: int
    venue_type: str
    contract_type: str
    nas_devices: int
    sessions: int
    devices: int


class StatisticsOut(Schema):
    date_from: date
    date_to: date
    points: int
    by_province: list[ProvinceOut]
    by_venue: list[CountOut]
    by_contract: list[CountOut]
    usage: list[PointUsageOut]
    sessions: int
    devices: int


class MessageOut(Schema):
    message: str


@router.get(
    "/wifi/statistics",
    response={200: StatisticsOut, 401: MessageOut, 403: MessageOut, 422: MessageOut},
    url_name="wifi-api-statistics",
)
def statistics(
    request,
    date_from: str = "",
    date_to: str = "",
    province_code: str = "",
    venue_type: str = "",
    contract_type: str = "",
):
    """Public Wi-Fi points by province, venue and contract type; per point the sessions that
    started between the two local dates (both included) and the distinct devices."""
    if not request.user.is_authenticated:
        raise HttpError(401, _("Cần đăng nhập."))
    if not request.user.has_perm("wifi.view_radacct"):
        raise HttpError(403, _("Bạn không có quyền xem thống kê Wi-Fi."))
    # Strings in, so that the page's form judges them and answers in the page's words.
    form = StatsForm(
        {
            "date_from": date_from,
            "date_to": date_to,
            "province_code": province_code,
            "venue_type": venue_type,
            "contract_type": contract_type,
        }
    )
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        raise HttpError(422, problems)
    selection = form.selection()
    figures = stats.statistics(selection)
    return {
        "date_from": selection.date_from,
        "date_to": selection.date_to,
        "points": figures.total,
        "by_province": [
            {"province_code": code, "province": name, "points": n}
            for code, name, n in figures.by_province
        ],
        "by_venue": [{"code": c, "label": label, "points": n} for c, label, n in figures.by_venue],
        "by_contract": [
            {"code": c, "label": label, "points": n} for c, label, n in figures.by_contract
        ],
        "usage": [
            {
                "code": row.point.code,
                "name": row.point.name,
                "province_code": row.point.province_code,
                "venue_type": row.point.venue_type,
                "contract_type": row.point.contract_type,
                "nas_devices": row.nas_count,
                "sessions": row.sessions,
                "devices": row.devices,
            }
            for row in figures.usage
        ],
        "sessions": figures.sessions,
        "devices": figures.devices,
    }
