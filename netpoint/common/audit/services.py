"""Appending to the audit log, signing its heads and checking it (netpoint.common.audit.log)."""

import json
import os
import threading
from datetime import UTC
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import connection, transaction

from netpoint.common.audit import heads, log, merkle
from netpoint.common.audit.heads import SignedHead
from netpoint.common.audit.models import AuditEntry, AuditHead
from netpoint.common.core import clock
from netpoint.common.core.plainsql import prepared_cursor

# On PostgreSQL an entry is appended in one statement, without a lock taken first: the head
# moves from the tree's head as this process last saw it to the new one, and the entry is
# written only if it did (a compare-and-set). Authority searches append on every call, so the
# common case is one round trip; when another process appended in between, nothing is written
# and the append is made again under the head's lock.
APPEND_SQL = """
WITH head AS (
    UPDATE audit_audithead SET last_seq = %s, last_hash = %s, frontier = %s
    WHERE id = 1 AND last_seq = %s AND last_hash = %s
    RETURNING id
)
INSERT INTO audit_auditentry (seq, at, user_id, actor, action, target, detail, hash)
SELECT %s, %s, %s, %s, %s, %s, %s::jsonb, %s FROM head
RETURNING id
"""


class _Tree:
    """The tree's head as this process last appended to it: (size, root hex, compact range),
    or None; and the newest head it signed. Threads share them; one that races another only
    makes the other's compare-and-set fail, or signs a head the other's already covers."""

    head: tuple[int, str, tuple[bytes, ...]] | None = None
    signed: SignedHead | None = None


def forget() -> None:
    """Forget what this process remembers of the tree (a new database, in tests)."""
    _Tree.head = _Tree.signed = None


def record(action: str, *, user=None, actor: str = "", target: str = "", detail=None):
    """Append one entry, in the caller's transaction when there is one; once it is committed,
    a head over it is signed and appended to the heads file."""
    detail = detail or {}
    actor = actor or (user.get_username() if user is not None else "")
    at = clock.now().astimezone(UTC).replace(microsecond=0)
    entry = AuditEntry(at=at, user=user, actor=actor, action=action, target=target, detail=detail)
    seen = _Tree.head
    if connection.vendor == "postgresql" and seen is not None and _append_after(entry, *seen):
        _after_commit(entry.seq)
        return entry
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": merkle.EMPTY_ROOT.hex(), "frontier": "[]"}
        )
        frontier = tuple(bytes.fromhex(h) for h in json.loads(head.frontier))
        if connection.vendor == "postgresql":
            # Under the lock the head cannot move: this append is made.
            _append_after(entry, head.last_seq, head.last_hash, frontier)
        else:
            frontier = _leaf(entry, head.last_seq, frontier)
            entry.save(force_insert=True)
            head.last_seq, head.last_hash = entry.seq, merkle.frontier_root(frontier).hex()
            head.frontier = _frontier_text(frontier)
            head.save()
            _Tree.head = (head.last_seq, head.last_hash, frontier)
        _after_commit(entry.seq)
    return entry


def _frontier_text(frontier: tuple[bytes, ...]) -> str:
    return json.dumps([node.hex() for node in frontier])


def _leaf(entry: AuditEntry, last_seq: int, frontier: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """Number the entry after `last_seq`, store its leaf hash; the compact range with it."""
    entry.seq = last_seq + 1
    leaf = log.leaf_of(_pure(entry))
    entry.hash = leaf.hex()
    return merkle.frontier_append(frontier, last_seq, leaf)


def _append_after(
    entry: AuditEntry, last_seq: int, last_root: str, frontier: tuple[bytes, ...]
) -> bool:
    """Append `entry` after the head (last_seq, last_root) if that is still the head."""
    new_frontier = _leaf(entry, last_seq, frontier)
    new_root = merkle.frontier_root(new_frontier).hex()
    with prepared_cursor() as cursor:
        cursor.execute(
            APPEND_SQL,
            [entry.seq, new_root, _frontier_text(new_frontier), last_seq, last_root]
            + [entry.seq, entry.at, entry.user_id, entry.actor, entry.action, entry.target]
            + [json.dumps(entry.detail), entry.hash],
        )
        row = cursor.fetchone()
    if row is None:
        _Tree.head = None
        return False
    entry.id = row[0]
    _Tree.head = (entry.seq, new_root, new_frontier)
    return True


def _after_commit(seq: int) -> None:
    """Sign and publish the head this append made, once it is committed: a head over entries
    a rollback then took back would look like tampering later."""
    size, root, _frontier = _Tree.head or (0, "", ())
    if size == seq:  # else another thread appended since, and publishes its own head
        transaction.on_commit(lambda: publish(size, bytes.fromhex(root)))


def _pure(entry: AuditEntry) -> log.Entry:
    return log.Entry(
        seq=entry.seq,
        at=entry.at.astimezone(UTC).isoformat(),
        user_id=entry.user_id,
        actor=entry.actor,
        action=entry.action,
        target=entry.target,
        detail=entry.detail,
        hash=entry.hash,
    )


# --- the signing key and the heads file, outside the database ---

_key_lock = threading.Lock()
# Each key file's key and its id, read once per process.
_keys: dict[str, tuple[Ed25519PrivateKey, str]] = {}


def _signer() -> tuple[Ed25519PrivateKey, str]:
    path = settings.NETPOINT_AUDIT_KEY_FILE
    found = _keys.get(path)
    if found is None:
        with _key_lock:
            found = _keys.get(path)
            if found is None:
                key = _load_or_make(Path(path))
                found = _keys[path] = (key, heads.key_id(key.public_key()))
    return found


def signing_key() -> Ed25519PrivateKey:
    """The key in NETPOINT_AUDIT_KEY_FILE, made (0600, in a 0700 folder) on first use."""
    return _signer()[0]


def _load_or_make(path: Path) -> Ed25519PrivateKey:
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
        out.flush()
        os.fsync(out.fileno())
    return key


def public_key() -> Ed25519PublicKey:
    return signing_key().public_key()


def public_key_pem() -> str:
    return (
        public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def publish(tree_size: int, root_hash: bytes) -> SignedHead:
    """Sign a head over a committed tree and append it to the heads file (one JSON line,
    written with one append so processes' lines never interleave)."""
    timestamp = int(clock.now().timestamp() * 1000)
    key, its_id = _signer()
    head = heads.sign(key, tree_size, timestamp, root_hash, its_id)
    path = settings.NETPOINT_AUDIT_HEADS_FILE
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
    try:
        fd = os.open(path, flags, 0o600)
    except FileNotFoundError:  # its folder, on first use
        Path(path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, (head.to_json() + "\n").encode())
    finally:
        os.close(fd)
    signed = _Tree.signed
    if signed is None or signed.tree_size <= head.tree_size:
        _Tree.signed = head
    return head


def sign_current() -> SignedHead:
    """Sign and publish a head over the tree as the database holds it now (committed, when
    called outside a transaction: the command `netpoint audit export-head`)."""
    row = AuditHead.objects.filter(pk=1).first()
    if row is None:
        return publish(0, merkle.EMPTY_ROOT)
    return publish(row.last_seq, bytes.fromhex(row.last_hash))


def current_head() -> SignedHead:
    """The newest signed head this process knows: after an append outside a transaction (an
    authority's search or export) it covers that entry. Made now when there is none yet."""
    return _Tree.signed or latest_published() or sign_current()


def read_heads() -> log.HeadsFile:
    path = Path(settings.NETPOINT_AUDIT_HEADS_FILE)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return log.HeadsFile(present=False)
    found, bad = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append((number, SignedHead.from_json(line)))
        except heads.BadHead:
            bad.append(number)
    return log.HeadsFile(present=True, heads=tuple(found), bad_lines=tuple(bad))


def latest_published() -> SignedHead | None:
    valid = [h for _n, h in read_heads().heads if heads.signed_by(h, public_key())]
    return max(valid, key=lambda h: (h.tree_size, h.timestamp), default=None)


def leaves() -> list[bytes]:
    """The leaf hashes the rows hash to, in order."""
    return [log.leaf_of(entry) for entry in _entries()]


def _entries() -> list[log.Entry]:
    return [_pure(e) for e in AuditEntry.objects.order_by("seq").iterator()]


def inclusion_proof(seq: int, tree_size: int) -> list[bytes]:
    """That entry `seq` is in the tree of the first `tree_size` entries."""
    return merkle.inclusion_proof(leaves()[:tree_size], seq - 1)


def check(since: SignedHead | None = None) -> log.Report:
    row = AuditHead.objects.filter(pk=1).first()
    stored = None if row is None else log.StoredHead(row.last_seq, _unhex(row.last_hash))
    return log.check(_entries(), stored, read_heads(), public_key(), since)


def _unhex(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:  # written by hand into the database: matches no root
        return b""


def verify() -> list[log.Problem]:
    return check().problems
