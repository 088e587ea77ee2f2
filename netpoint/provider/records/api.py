"""The events endpoint: a point's server posts its signed, compressed batches here."""

import zlib

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from netpoint.common.core import jsonbody
from netpoint.common.events.signing import SignatureRefused
from netpoint.provider.records import services
from netpoint.provider.registry.conf import conf as provider_conf
from netpoint.provider.registry.services import authenticate

router = Router(tags=["events"])


class ReceiptOut(Schema):
    accepted: int
    duplicates: int
    contiguous_seq: int
    highest_seq: int
    gaps: list[list[int]]


class RefusalOut(Schema):
    message: str
    errors: list[dict] = []


def _body(request) -> bytes:
    limit = provider_conf().max_batch_bytes
    try:
        body = request.body
    except RequestDataTooBig:
        raise HttpError(413, _("Lô sự kiện quá lớn.")) from None
    if len(body) > limit:
        raise HttpError(413, _("Lô sự kiện quá lớn."))
    return body


def _events(request, body: bytes) -> list:
    limit = provider_conf().max_batch_bytes
    if request.headers.get("Content-Encoding", "identity") == "gzip":
        inflate = zlib.decompressobj(wbits=31)
        try:
            body = inflate.decompress(body, limit)
        except zlib.error:
            raise HttpError(400, _("Nội dung nén gzip bị hỏng.")) from None
        if inflate.unconsumed_tail:
            raise HttpError(413, _("Lô sự kiện quá lớn."))
    try:
        batch = jsonbody.loads(body)
    except ValueError:
        raise HttpError(400, _("Nội dung gửi lên không phải JSON hợp lệ.")) from None
    events = batch.get("events") if isinstance(batch, dict) else None
    if not isinstance(events, list) or not events:
        raise HttpError(422, _("Lô phải có danh sách sự kiện “events” không rỗng."))
    if len(events) > provider_conf().max_batch_events:
        raise HttpError(413, _("Lô có quá nhiều sự kiện."))
    return events


@router.post("/events", response={200: ReceiptOut, frozenset({409, 422}): RefusalOut})
def receive(request):
    """Store a batch and acknowledge it only once it is committed."""
    body = _body(request)
    try:
        point = authenticate(request.headers, request.method, request.path, body)
    except SignatureRefused as refused:
        why = {"why": refused}
        raise HttpError(401, _("Yêu cầu không được ký hợp lệ: %(why)s.") % why) from None
    try:
        return services.ingest(point, _events(request, body))
    except services.BatchRefused as refused:
        message = _("Lô bị từ chối: %(why)s.") % {"why": refused}
        return Status(refused.status, {"message": message, "errors": refused.errors})
