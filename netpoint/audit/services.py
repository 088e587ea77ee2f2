"""Appending to the audit log and checking it."""

import hashlib
import hmac
import json
from datetime import UTC

from django.conf import settings
from django.db import connection, transaction

from netpoint.audit import chain
from netpoint.audit.models import AuditEntry, AuditHead
from netpoint.core import clock


def audit_key() -> bytes:
    """NETPOINT_AUDIT_KEY from the environment, or a key derived from the secret key; never
    stored in the database."""
    if settings.NETPOINT_AUDIT_KEY:
        return settings.NETPOINT_AUDIT_KEY.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"netpoint audit", hashlib.sha256).digest()


# On PostgreSQL the entry and the new head go in one statement: an append is then the lock
# on the head, this statement and the commit, and authority searches append on every call.
APPEND_SQL = """
WITH entry AS (
    INSERT INTO audit_auditentry
        (seq, at, user_id, actor, action, target, detail, prev_hash, hash)
    VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s)
    RETURNING id
)
UPDATE audit_audithead SET last_seq = %s, last_hash = %s WHERE id = 1
RETURNING (SELECT id FROM entry)
"""


def record(action: str, *, user=None, actor: str = "", target: str = "", detail=None):
    """Append one entry, in the caller's transaction when there is one."""
    detail = detail or {}
    actor = actor or (user.get_username() if user is not None else "")
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": chain.GENESIS}
        )
        seq = head.last_seq + 1
        at = clock.now().astimezone(UTC).replace(microsecond=0)
        digest = chain.entry_hash(
            audit_key(), seq, head.last_hash, at.isoformat(), actor, action, target, detail
        )
        entry = AuditEntry(
            seq=seq,
            at=at,
            user=user,
            actor=actor,
            action=action,
            target=target,
            detail=detail,
            prev_hash=head.last_hash,
            hash=digest,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    APPEND_SQL,
                    [seq, at, entry.user_id, actor, action, target, json.dumps(detail)]
                    + [head.last_hash, digest, seq, digest],
                )
                (entry.id,) = cursor.fetchone()
        else:
            entry.save(force_insert=True)
            head.last_seq, head.last_hash = seq, digest
            head.save()
    return entry


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
