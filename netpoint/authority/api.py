"""Searches under a written request as JSON, for an authority's own tools: the same rules,
refusals and audit as the search page, without the page."""

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import AwareDatetime

from netpoint.authority import services
from netpoint.core.api import PlainText

router = Router(tags=["authority"])


class SearchIn(Schema):
    kind: Literal["id_number", "phone", "name", "station", "ip"]
    # A CCCD, phone number, full name, "POINT/STATION" or public IP.
    value: PlainText = Field(min_length=1, max_length=200)
    # The moment, with its offset (for "station" and "ip").
    at: AwareDatetime | None = None


class SessionOut(Schema):
    point: str
    station: str
    started_at: datetime
    ended_at: datetime | None


class PersonOut(Schema):
    full_name: str
    date_of_birth: date
    id_type: str
    id_number: str
    phone: str
    sessions: list[SessionOut]


class FoundOut(Schema):
    request: str
    people: list[PersonOut]


class RefusedOut(Schema):
    message: str
    reason: str


@router.post(
    "/authority/requests/{request_id}/searches",
    auth=django_auth,
    response={200: FoundOut, 403: RefusedOut},
    url_name="authority-api-search",
)
def search(request, request_id: int, data: SearchIn):
    if not request.user.has_perm("authority.view_writtenrequest"):
        raise HttpError(403, _("Tài khoản không có quyền tra cứu."))
    written = get_object_or_404(services.visible_requests(request.user), pk=request_id)
    if data.kind in ("station", "ip") and data.at is None:
        raise HttpError(422, _("Hãy chọn thời điểm."))
    if data.kind == "station" and "/" not in data.value:
        raise HttpError(422, _("Ghi mã điểm và tên máy, ví dụ HN-0001/M01."))
    try:
        found = services.search(written, request.user, data.kind, data.value, data.at)
    except services.SearchRefused as refused:
        return Status(403, {"message": refused.message, "reason": refused.code})
    return {"request": written.reference, "people": found}
