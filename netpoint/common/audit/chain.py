"""The audit log's hash chain, as pure functions.

Each entry's hash is an HMAC (keyed, so whoever can write to the database still cannot forge
a chain) over its sequence number, the previous entry's hash and its own content. Verifying
walks the entries in sequence order and names each one that was edited (its hash no longer
matches its content), deleted (its number is missing, or the chain's recorded head is ahead of
the last entry) or moved (it verifies only at another place in the chain). An entry's MAC
covers its number and its predecessor's hash, so no entry can change place, content or
neighbour without failing its own check.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str  # ISO 8601, UTC
    actor: str
    action: str
    target: str
    detail: dict
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str  # "edited", "missing", "moved", "truncated"

    def __str__(self):
        return f"entry {self.seq}: {self.kind}"


def entry_hash(
    key: bytes,
    seq: int,
    prev_hash: str,
    at: str,
    actor: str,
    action: str,
    target: str,
    detail: dict,
) -> str:
    content = json.dumps(
        [seq, prev_hash, at, actor, action, target, detail],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hmac.new(key, content.encode(), hashlib.sha256).hexdigest()


def _signed(key: bytes, entry: Entry, seq: int) -> bool:
    recomputed = entry_hash(
        key,
        seq,
        entry.prev_hash,
        entry.at,
        entry.actor,
        entry.action,
        entry.target,
        entry.detail,
    )
    return hmac.compare_digest(recomputed, entry.hash)


def verify(key: bytes, entries: list[Entry], head_seq: int, head_hash: str) -> list[Problem]:
    """Every problem in the chain, in sequence order; none for an intact chain."""
    problems: list[Problem] = []
    seq_of_hash = {entry.hash: entry.seq for entry in entries} | {GENESIS: 0}
    expected_seq, prev_hash = 1, GENESIS
    for entry in sorted(entries, key=lambda e: e.seq):
        problems.extend(Problem(seq, "missing") for seq in range(expected_seq, entry.seq))
        if not _signed(key, entry, entry.seq):
            # Signed for another place in the chain (the one after its predecessor)? Then it
            # was moved there from; otherwise its content was changed.
            origin = seq_of_hash.get(entry.prev_hash, -1) + 1
            moved = origin > 0 and origin != entry.seq and _signed(key, entry, origin)
            problems.append(Problem(entry.seq, "moved" if moved else "edited"))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    if head_seq >= expected_seq:
        problems.extend(Problem(seq, "missing") for seq in range(expected_seq, head_seq + 1))
    elif entries and (head_seq != expected_seq - 1 or head_hash != prev_hash):
        problems.append(Problem(expected_seq - 1, "truncated"))
    return problems
