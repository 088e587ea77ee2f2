"""Appending to the audit log and checking it."""

import hashlib
import hmac
import json
from datetime import UTC

from django.conf import settings
from django.db import connection, transaction

from netpoint.common.audit import chain
from netpoint.common.audit.models import AuditEntry, AuditHead
from netpoint.common.core import clock
from netpoint.common.core.plainsql import prepared_cursor


def audit_key() -> bytes:
    """NETPOINT_AUDIT_KEY from the environment, or a key derived from the secret key; never
    stored in the database."""
    if settings.NETPOINT_AUDIT_KEY:
        return settings.NETPOINT_AUDIT_KEY.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"netpoint audit", hashlib.sha256).digest()


# On PostgreSQL an entry is appended in one statement, without a lock taken first: the head
# moves from the chain's last entry as this process last saw it to the new one, and the entry
# is written only if it did (a compare-and-set). Authority searches append on every call, so
# the common case is one round trip; when another process appended in between, nothing is
# written and the append is made again under the head's lock.
APPEND_SQL = """
WITH head AS (
    UPDATE audit_audithead SET last_seq = %s, last_hash = %s
    WHERE id = 1 AND last_seq = %s AND last_hash = %s
    RETURNING id
)
INSERT INTO audit_auditentry (seq, at, user_id, actor, action, target, detail, prev_hash, hash)
SELECT %s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s FROM head
RETURNING id
"""


class _LastSeen:
    """The chain's head as this process last appended to it: (seq, hash), or None. Threads
    share it; one that races another only makes the other's compare-and-set fail."""

    head: tuple[int, str] | None = None


def record(action: str, *, user=None, actor: str = "", target: str = "", detail=None):
    """Append one entry, in the caller's transaction when there is one."""
    detail = detail or {}
    actor = actor or (user.get_username() if user is not None else "")
    at = clock.now().astimezone(UTC).replace(microsecond=0)
    entry = AuditEntry(at=at, user=user, actor=actor, action=action, target=target, detail=detail)
    seen = _LastSeen.head
    if connection.vendor == "postgresql" and seen is not None and _append_after(entry, *seen):
        return entry
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": chain.GENESIS}
        )
        if connection.vendor == "postgresql":
            # Under the lock the head cannot move: this append is made.
            _append_after(entry, head.last_seq, head.last_hash)
        else:
            _chain(entry, head.last_seq, head.last_hash)
            entry.save(force_insert=True)
            head.last_seq, head.last_hash = entry.seq, entry.hash
            head.save()
    return entry


def _chain(entry: AuditEntry, last_seq: int, last_hash: str) -> None:
    entry.seq, entry.prev_hash = last_seq + 1, last_hash
    entry.hash = chain.entry_hash(
        audit_key(),
        entry.seq,
        last_hash,
        entry.at.isoformat(),
        entry.actor,
        entry.action,
        entry.target,
        entry.detail,
    )


def _append_after(entry: AuditEntry, last_seq: int, last_hash: str) -> bool:
    """Append `entry` after the head (last_seq, last_hash) if that is still the head."""
    _chain(entry, last_seq, last_hash)
    with prepared_cursor() as cursor:
        cursor.execute(
            APPEND_SQL,
            [entry.seq, entry.hash, last_seq, last_hash]
            + [entry.seq, entry.at, entry.user_id, entry.actor, entry.action, entry.target]
            + [json.dumps(entry.detail), last_hash, entry.hash],
        )
        row = cursor.fetchone()
    if row is None:
        _LastSeen.head = None
        return False
    entry.id = row[0]
    _LastSeen.head = (entry.seq, entry.hash)
    return True


def verify() -> list[chain.Problem]:
    head = AuditHead.objects.first()
    entries = [
        chain.Entry(
            seq=e.seq,
            at=e.at.astimezone(UTC).isoformat(),
            actor=e.actor,
            action=e.action,
            target=e.target,
            detail=e.detail,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in AuditEntry.objects.order_by("seq").iterator()
    ]
    if head is None:
        return chain.verify(audit_key(), entries, 0, chain.GENESIS)
    return chain.verify(audit_key(), entries, head.last_seq, head.last_hash)
