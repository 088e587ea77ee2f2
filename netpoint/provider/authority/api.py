"""Searches under a written request as JSON, for an authority's own tools: the same rules,
refusals and audit as the search page, without the page."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import AwareDatetime, BaseModel, ConfigDict

from netpoint.common.audit.api import SignedHeadOut, signed_head
from netpoint.common.core.api import Input, PlainText
from netpoint.provider.authority import requests, services
from netpoint.provider.authority import search as searches
from netpoint.provider.authority.access import ACCESS_ROWS_SHOWN, search_access
from netpoint.provider.authority.addresses import AddressError, parse_address
from netpoint.provider.authority.scope import SearchRefused

router = Router(tags=["authority"])


class SearchIn(Input):
    kind: Literal["id_number", "phone", "name", "station", "ip", "ip_port"]
    # A CCCD, phone number, full name, "POINT/STATION", public IP or "IP:port".
    value: PlainText = Field(min_length=1, max_length=200)
    # The moment, with its offset (for "station", "ip" and "ip_port").
    at: AwareDatetime | None = None


# The answers' models are plain pydantic models, read from the service's objects as they are,
# and written out as JSON by pydantic itself (`_json`): a person's search answers with dozens of
# sessions, and ninja's Schema, which looks each field up through its Django-model hook, and
# the JSON encoder's fallback for every moment cost a quarter of such a call.
def _json(answer: BaseModel) -> HttpResponse:
    return HttpResponse(answer.model_dump_json(), content_type="application/json")


class MoveOut(BaseModel):
    """The session moved from `from_station` to `station` at `at`."""

    model_config = ConfigDict(from_attributes=True)

    from_station: str
    station: str
    at: datetime


class SessionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    point: str
    station: str
    started_at: datetime
    ended_at: datetime | None
    # A Wi-Fi session found through the NAT logs ("station" is then the device MAC): the
    # private address, the public address and ports it had, the RADIUS session's id.
    private_ip: str | None = None
    public_ip: str | None = None
    public_ports: str | None = None
    radius_session: str | None = None
    # A session moved to other stations: "station" is where it began.
    moves: list[MoveOut] = []


class VersionOut(BaseModel):
    """What one point said of the person, and when (each point keeps its own)."""

    model_config = ConfigDict(from_attributes=True)

    point: str
    point_name: str
    full_name: str
    date_of_birth: date | None
    phone: str
    said_at: datetime
    received_at: datetime | None


class PersonOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    # Empty for a Wi-Fi user, known by their verified phone only.
    full_name: str
    date_of_birth: date | None
    id_type: str
    id_number: str
    phone: str
    sessions: list[SessionOut]
    # Each point's version, oldest first; the fields above are the newest of them.
    versions: list[VersionOut] = []


class FoundOut(BaseModel):
    request: str
    people: list[PersonOut]
    # More people than one officer's approval covers: their ID and phone numbers are left out
    # (empty) until a second officer approves this search; asked for already.
    withheld: bool = False
    # The audit log's signed head, covering this search's own entry (issue 24).
    audit_head: SignedHeadOut
    # Answered by a read replica (docs/DEPLOY.md), this many seconds behind the primary; the
    # primary answers with false and null.
    read_from_replica: bool = False
    replica_lag_seconds: float | None = None


class RefusedOut(Schema):
    message: str
    reason: str


class AccessRecordOut(BaseModel):
    """Accesses of one kind to one address in one minute, by a person at a station."""

    full_name: str
    point: str
    station: str
    minute: datetime
    service: str
    service_label: str
    destination: str
    port: int
    count: int


class AccessFoundOut(BaseModel):
    request: str
    records: list[AccessRecordOut]
    # At most this many records are answered, oldest first.
    limit: int
    audit_head: SignedHeadOut


def _searchable(request, request_id: int, data: SearchIn):
    """The request searched under, once the search itself is well formed."""
    if not request.user.has_perm("authority.view_writtenrequest"):
        raise HttpError(403, _("Tài khoản không có quyền tra cứu."))
    written = requests.visible_request(request.user, request_id)
    if written is None:
        raise Http404
    if data.kind in ("station", "ip", "ip_port") and data.at is None:
        raise HttpError(422, _("Hãy chọn thời điểm."))
    if data.kind == "ip_port":
        try:
            parse_address(data.value)
        except AddressError as error:
            raise HttpError(422, str(error)) from None
    if data.kind == "station" and "/" not in data.value:
        raise HttpError(422, _("Ghi mã điểm và tên máy, ví dụ HN-0001/M01."))
    return written


@router.post(
    "/authority/requests/{request_id}/searches",
    auth=django_auth,
    response={200: FoundOut, 403: RefusedOut},
    url_name="authority-api-search",
)
def search(request, request_id: int, data: SearchIn):
    written = _searchable(request, request_id, data)
    try:
        found, digest, source = searches.searched(
            written, request.user, data.kind, data.value, data.at
        )
    except SearchRefused as refused:
        return Status(403, {"message": refused.message, "reason": refused.code})
    shown = services.disclose(written, request.user, found, digest, "search")
    answer = FoundOut(
        request=written.reference,
        people=shown.people,
        withheld=shown.withheld,
        audit_head=signed_head(),
        read_from_replica=source.replica,
        replica_lag_seconds=source.lag_seconds,
    )
    return _json(answer)


@router.post(
    "/authority/requests/{request_id}/access-searches",
    auth=django_auth,
    response={200: AccessFoundOut, 403: RefusedOut},
    url_name="authority-api-access-search",
)
def access_search(request, request_id: int, data: SearchIn):
    """The access records (addresses visited) of the sessions the same search finds."""
    written = _searchable(request, request_id, data)
    try:
        rows = search_access(written, request.user, data.kind, data.value, data.at)
    except SearchRefused as refused:
        return Status(403, {"message": refused.message, "reason": refused.code})
    records = [row | {"service_label": str(row["service_label"])} for row in rows]
    limit = ACCESS_ROWS_SHOWN
    head = signed_head()
    return _json(
        AccessFoundOut(request=written.reference, records=records, limit=limit, audit_head=head)
    )
