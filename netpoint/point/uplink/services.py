"""The point's side of store and forward: enrolling with the provider and sending the outbox.

Events leave in sequence order, in compressed batches, signed with the point's own key. A
batch is marked sent only after the provider answers that it is committed; if the answer is
lost the batch goes again and the provider recognises every event by its id. So a crash, a
restart or an outage at any moment loses nothing and stores nothing twice.
"""

import base64
import gzip
import hashlib
import json
import logging
import ssl
import urllib.error
import urllib.request
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils.translation import gettext as _

from netpoint.common.core import clock
from netpoint.common.events import signing
from netpoint.common.policies import retention
from netpoint.point.outbox import services as outbox
from netpoint.point.sessions.models import Session
from netpoint.point.stations.models import Station
from netpoint.point.uplink import policy
from netpoint.point.uplink.conf import conf
from netpoint.point.uplink.models import ProviderLink, ProviderPolicy

EVENTS_PATH = "/api/v1/events"
ENROLL_PATH = "/api/v1/enroll"
log = logging.getLogger(__name__)


class SendFailed(Exception):
    """The provider could not be reached or did not take the batch; it will be sent again.
    `status` is the provider's HTTP answer, None when it could not be reached at all."""

    def __init__(self, text: str, status: int | None = None):
        super().__init__(text)
        self.status = status


class EnrollmentFailed(Exception):
    """Why this point is not enrolled, in words for the owner; nothing was saved."""


@cache
def software_version() -> str:
    return metadata.version("netpoint")


def code_hash(package: Path) -> str:
    """A hash of the Python files under `package`, so the provider can tell modified code."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def software_hash() -> str:
    return code_hash(Path(__file__).resolve().parents[2])  # the netpoint package


def link() -> ProviderLink | None:
    return ProviderLink.objects.first()


def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=conf().ca_file or None)


def post(url: str, body: bytes, headers: dict, timeout: float | None = None) -> dict:
    """POST to the provider; its JSON answer, or SendFailed."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    timeout = timeout or conf().timeout_seconds
    context = _ssl_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as answer:  # noqa: S310
            return json.load(answer)
    except urllib.error.HTTPError as refused:
        raise SendFailed(f"{refused.code} {_message(refused)}", refused.code) from None
    except (OSError, ValueError) as unreachable:
        raise SendFailed(f"provider unreachable: {unreachable}") from None


def _message(refused: urllib.error.HTTPError) -> str:
    try:
        return str(json.load(refused).get("message", ""))[:200]
    except (OSError, ValueError, AttributeError):
        return ""


def checked_provider_url(provider_url: str) -> str:
    """The provider's address without a trailing slash, or EnrollmentFailed."""
    provider_url = provider_url.strip().rstrip("/")
    try:
        URLValidator(schemes=["https", "http"])(provider_url)
    except ValidationError:
        raise EnrollmentFailed(
            _(
                "Địa chỉ máy chủ doanh nghiệp không hợp lệ: địa chỉ bắt đầu bằng https:// "
                "(hoặc http://), ví dụ https://icafe.example.vn."
            )
        ) from None
    return provider_url


def enroll(provider_url: str, code: str, *, replace: bool = False) -> ProviderLink:
    """Exchange the provider's one-time code for this point's own signing key. The command and
    the owner's page both come here, so they check and refuse alike (EnrollmentFailed).
    An enrolled point is enrolled again only when asked to `replace` its link: a new link
    starts its outbox count from zero."""
    provider_url = checked_provider_url(provider_url)
    code = code.strip()
    if not code:
        raise EnrollmentFailed(_("Hãy nhập mã đăng ký do máy chủ doanh nghiệp cấp."))
    current = link()
    if current is not None and not replace:
        raise EnrollmentFailed(
            _("Điểm này đã kết nối máy chủ doanh nghiệp %(url)s với mã điểm %(point)s.")
            % {"url": current.provider_url, "point": current.point_code}
        )
    private_key = signing.new_private_key()
    try:
        answer = post(
            provider_url + ENROLL_PATH,
            json.dumps(
                {
                    "code": code,
                    "public_key": base64.b64encode(signing.public_key_of(private_key)).decode(),
                    "software_version": software_version(),
                }
            ).encode(),
            {"Content-Type": "application/json"},
        )
    except SendFailed as failure:
        raise EnrollmentFailed(_refusal(provider_url, failure)) from None
    point_code = answer.get("point") if isinstance(answer, dict) else None
    provider_key = answer.get("policy_key") if isinstance(answer, dict) else None
    if not isinstance(point_code, str) or not point_code:
        raise EnrollmentFailed(_not_a_provider(provider_url))
    with transaction.atomic():
        ProviderLink.objects.all().delete()
        ProviderPolicy.objects.all().delete()  # another provider's policy is not this one's
        return ProviderLink.objects.create(
            provider_url=provider_url,
            point_code=point_code[:32],
            private_key=private_key,
            provider_key=provider_key if isinstance(provider_key, str) else "",
            enrolled_at=clock.now(),
        )


def _refusal(provider_url: str, failure: SendFailed) -> str:
    if failure.status is None:
        return _(
            "Không kết nối được máy chủ doanh nghiệp tại %(url)s: hãy kiểm tra địa chỉ và "
            "đường mạng rồi thử lại."
        ) % {"url": provider_url}
    if failure.status == 403:
        return _("Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")
    if failure.status == 429:
        return _("Thử sai quá nhiều lần; hãy đợi vài phút rồi thử lại.")
    if failure.status == 422:
        return _("Mã đăng ký không đúng dạng (ví dụ ABCD-EFGH-JKMN).")
    return _not_a_provider(provider_url)


def _not_a_provider(provider_url: str) -> str:
    return _(
        "Máy chủ tại %(url)s không nhận đăng ký điểm: hãy kiểm tra lại địa chỉ máy chủ "
        "doanh nghiệp."
    ) % {"url": provider_url}


def _queued_batch(after_seq: int, size: int) -> list[tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq, CAST(envelope AS TEXT) FROM outbox_outboxevent"
            " WHERE seq > %s ORDER BY seq LIMIT %s",
            [after_seq, size],
        )
        return cursor.fetchall()


def batch_body(point_code: str, envelopes: list[str]) -> bytes:
    """The stored envelopes as they are, each stamped with the point's code, gzipped."""
    stamp = '{"point":' + json.dumps(point_code) + ","
    events = ",".join(stamp + text.lstrip()[1:] for text in envelopes)
    return gzip.compress(('{"events":[' + events + "]}").encode(), compresslevel=1)


def _prepared(current: ProviderLink, after_seq: int, size: int) -> tuple[int, int, bytes]:
    """The next batch after `after_seq`: (first seq, last seq, body); (0, 0, b"") if none."""
    batch = _within_bytes(_queued_batch(after_seq, size), conf().batch_bytes)
    if not batch:
        return 0, 0, b""
    envelopes = [outbox.opened_text(text) for _seq, text in batch]
    return batch[0][0], batch[-1][0], batch_body(current.point_code, envelopes)


def _within_bytes(batch: list[tuple[int, str]], limit: int) -> list[tuple[int, str]]:
    """The first events of the batch that fit in `limit` bytes (at least one): large events,
    such as access batches, must not make a batch the provider refuses as too big."""
    total = 0
    for index, (_seq, text) in enumerate(batch):
        total += len(text.encode()) + 40  # and the point's stamp
        if total > limit and index:
            return batch[:index]
    return batch


def _signed_post(current: ProviderLink, body: bytes) -> dict:
    """Post one batch (any thread: no database here); the provider's receipt."""
    # Signed at the wall clock's time: a request's freshness is the transport's matter, not
    # the business clock's (netpoint.common.core.clock), which a test may set to any day.
    headers = signing.sign(current.private_key, current.point_code, "POST", EVENTS_PATH, body)
    headers |= {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    return post(current.provider_url + EVENTS_PATH, body, headers)


def _mark_sent(current: ProviderLink, last: int) -> None:
    current.sent_through_seq, current.last_sent_at = last, clock.now()
    current.failures, current.last_error = 0, ""
    current.save()


def send_once(current: ProviderLink, size: int | None = None) -> int:
    """Send the next batch; the number of events the provider committed (0: nothing queued)."""
    return drain(current, size, batches=1)


def drain(current: ProviderLink, size: int | None = None, batches: int | None = None) -> int:
    """Send what is queued, in order, with up to PIPELINE batches in flight: while the provider
    stores one batch it already reads the next, and the point reads and compresses the one
    after. The provider stores a point's batches in sequence order whatever order they arrive
    in, and a batch is marked sent only once it and every batch before it are acknowledged.
    On a failure everything from the first unacknowledged batch goes again later; the
    provider recognises what it already holds. Returns the number of events sent."""
    size = size or conf().batch_events
    depth = conf().pipeline
    total, after, posted = 0, current.sent_through_seq, 0
    in_flight: deque = deque()
    current.last_attempt_at = clock.now()
    with ThreadPoolExecutor(depth, thread_name_prefix="uplink-post") as poster:
        while True:
            while len(in_flight) < depth and (batches is None or posted < batches):
                first, last, body = _prepared(current, after, size)
                if not body:
                    break
                in_flight.append((first, last, poster.submit(_signed_post, current, body)))
                after, posted = last, posted + 1
            if not in_flight:
                return total
            first, last, answer = in_flight.popleft()
            try:
                receipt = answer.result()
            except SendFailed as failure:
                for _first, _last, later in in_flight:
                    later.cancel()
                _failed(current, str(failure))
                raise
            _mark_sent(current, last)
            total += last - first + 1
            _take_policy(current, receipt)


def _take_policy(current: ProviderLink, receipt) -> None:
    """The provider's signed policy that came with its answer, kept if it verifies."""
    document = receipt.get("policy") if isinstance(receipt, dict) else None
    if document is None:
        return
    outcome = policy.take(current, document)
    if outcome.refusal:
        log.warning("the provider's policy was refused: %s", outcome.refusal)


def _failed(current: ProviderLink, error: str) -> None:
    current.failures += 1
    current.last_error, current.last_error_at = error[:300], clock.now()
    current.save(update_fields=["failures", "last_error", "last_error_at", "last_attempt_at"])


@dataclass(frozen=True)
class SyncState:
    enrolled: bool
    queued: int
    provider_url: str = ""
    last_sent_at: object = None
    last_error: str = ""
    last_error_at: object = None


def sync_state() -> SyncState:
    current = link()
    if current is None:
        return SyncState(enrolled=False, queued=outbox.queued().count())
    return SyncState(
        enrolled=True,
        queued=outbox.queued(current.sent_through_seq).count(),
        provider_url=current.provider_url,
        last_sent_at=current.last_sent_at,
        last_error=current.last_error,
        last_error_at=current.last_error_at,
    )


def emit_heartbeat() -> None:
    with transaction.atomic():
        outbox.emit(
            "point.heartbeat",
            {
                "software_version": software_version(),
                "software_hash": software_hash(),
                "stations_in_use": Session.objects.filter(ended_at__isnull=True).count(),
                "stations_total": Station.objects.count(),
            },
        )


def prune_sent(current: ProviderLink) -> int:
    keep = conf().keep_sent_days
    return outbox.prune(current.sent_through_seq, retention.cutoff(clock.now(), keep))
