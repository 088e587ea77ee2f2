"""The audit log as a transparency log, checked by pure functions.

Each entry is a leaf of the Merkle tree of RFC 9162 (netpoint.common.audit.merkle): the leaf is
the canonical JSON of every field an entry has (its number, time, user id, actor, action,
target and detail; sorted keys, no spaces, UTF-8), so a change to any of them changes the leaf.
The database keeps each entry's leaf hash and the tree's head; heads signed with a key the
database does not hold are appended to a file outside it (netpoint.common.audit.heads). The
log is intact when every row hashes to its stored leaf, the numbers run 1..n, the database's
head is the tree of the rows, and every signed head on file has a valid signature and is the
root of the first tree_size rows: whoever deletes from the end, rewinds the database's head,
empties both tables, or edits a field and its stored hash disagrees with a signed head.
"""

import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from netpoint.common.audit import merkle
from netpoint.common.audit.heads import SignedHead, signed_by

# Guessing where a moved entry came from tries at most this many places per entry.
MOVED_CANDIDATES = 1000


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str  # ISO 8601, UTC, whole seconds
    user_id: int | None
    actor: str
    action: str
    target: str
    detail: dict
    hash: str = ""  # the leaf hash stored with the row, hex


def leaf_bytes(
    seq: int,
    at: str,
    user_id: int | None,
    actor: str,
    action: str,
    target: str,
    detail: dict,
) -> bytes:
    fields = {
        "v": 1,
        "seq": seq,
        "at": at,
        "user_id": user_id,
        "actor": actor,
        "action": action,
        "target": target,
        "detail": detail,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def leaf_of(entry: Entry, seq: int | None = None) -> bytes:
    """The entry's leaf hash (as if numbered `seq`, when given)."""
    return merkle.leaf_hash(
        leaf_bytes(
            entry.seq if seq is None else seq,
            entry.at,
            entry.user_id,
            entry.actor,
            entry.action,
            entry.target,
            entry.detail,
        )
    )


@dataclass(frozen=True)
class StoredHead:
    """The database's head: the tree's size and root as the last append left them."""

    tree_size: int
    root_hash: bytes


@dataclass(frozen=True)
class HeadsFile:
    """The signed heads read from the file outside the database: (line number, head)."""

    present: bool
    heads: tuple[tuple[int, SignedHead], ...] = ()
    bad_lines: tuple[int, ...] = ()


MESSAGES = {
    "edited": "mục {seq}: nội dung đã bị sửa",
    "missing": "mục {seq}: đã bị xoá",
    "moved": "mục {seq}: đã bị chuyển từ chỗ khác đến",
    "truncated": "đầu cây đã ký có {seq} mục nhưng nhật ký chỉ còn {other} mục: nhật ký đã bị cắt",
    "rewritten": "đầu cây đã ký có {seq} mục không khớp với {seq} mục đầu của nhật ký: nhật ký "
    "đã bị viết lại ({other} đầu cây không khớp)",
    "bad_signature": "dòng {seq} của tệp đầu cây: chữ ký không hợp lệ",
    "bad_line": "dòng {seq} của tệp đầu cây: không đọc được",
    "no_heads": "không có đầu cây đã ký nào ngoài cơ sở dữ liệu cho {other} mục nhật ký "
    "(tệp đầu cây đã mất)",
    "db_head_missing": "đầu cây trong cơ sở dữ liệu đã bị xoá",
    "db_head": "đầu cây trong cơ sở dữ liệu ({seq} mục) không khớp với {other} mục nhật ký",
    "since_signature": "đầu cây đã thấy trước đây ({seq} mục): chữ ký không hợp lệ",
    "inconsistent": "đầu cây đã thấy trước đây ({seq} mục) không nhất quán với nhật ký hiện "
    "nay ({other} mục): nhật ký không chỉ được nối thêm",
}


@dataclass(frozen=True)
class Problem:
    kind: str
    seq: int = 0  # the entry's number, the head's tree size or the file's line
    other: int = 0

    def __str__(self):
        return MESSAGES[self.kind].format(seq=self.seq, other=self.other)


@dataclass(frozen=True)
class Report:
    problems: list[Problem]
    tree_size: int
    root_hash: bytes
    latest: SignedHead | None  # the largest valid signed head on file
    # With `since`: the consistency proof from that head to `proved_to` entries.
    proof: list[bytes] = field(default_factory=list)
    proved_to: int = 0


def _entry_problems(entries: Sequence[Entry], leaves: Sequence[bytes]) -> list[Problem]:
    problems: list[Problem] = []
    failing: list[int] = []
    expected = 1
    missing: list[int] = []
    for entry, leaf in zip(entries, leaves, strict=True):
        missing.extend(range(expected, entry.seq))
        if not hmac.compare_digest(leaf.hex(), entry.hash):
            failing.append(entry.seq)
        expected = entry.seq + 1
    candidates = (failing + missing)[:MOVED_CANDIDATES]
    by_seq = {entry.seq: entry for entry in entries}
    for seq in failing:
        entry = by_seq[seq]
        moved = any(
            other != seq and hmac.compare_digest(leaf_of(entry, other).hex(), entry.hash)
            for other in candidates
        )
        problems.append(Problem("moved" if moved else "edited", seq))
    problems.extend(Problem("missing", seq) for seq in missing)
    return sorted(problems, key=lambda p: p.seq)


def _prefix_roots(leaves: Sequence[bytes], sizes: set[int]) -> dict[int, bytes]:
    """The root of the first n leaves for each n in sizes (n <= len(leaves)), in one pass."""
    roots = {0: merkle.EMPTY_ROOT} if 0 in sizes else {}
    frontier: tuple[bytes, ...] = ()
    for count, leaf in enumerate(leaves):
        frontier = merkle.frontier_append(frontier, count, leaf)
        if count + 1 in sizes:
            roots[count + 1] = merkle.frontier_root(frontier)
    return roots


def check(
    entries: Sequence[Entry],
    stored: StoredHead | None,
    heads_file: HeadsFile,
    public_key: Ed25519PublicKey,
    since: SignedHead | None = None,
) -> Report:
    """Every problem of the log, entries first; none for an intact log."""
    entries = sorted(entries, key=lambda e: e.seq)
    leaves = [leaf_of(entry) for entry in entries]
    n = len(leaves)
    problems = _entry_problems(entries, leaves)
    problems.extend(Problem("bad_line", line) for line in heads_file.bad_lines)
    valid: list[SignedHead] = []
    for line, head in heads_file.heads:
        if signed_by(head, public_key):
            valid.append(head)
        else:
            problems.append(Problem("bad_signature", line))
    sizes = {head.tree_size for head in valid if head.tree_size <= n} | {n}
    if since is not None and since.tree_size <= n:
        sizes.add(since.tree_size)
    roots = _prefix_roots(leaves, sizes)
    root = roots[n] if n else merkle.EMPTY_ROOT
    longest = max((head.tree_size for head in valid), default=0)
    if longest > n:
        problems.append(Problem("truncated", longest, n))
    wrong = sorted(
        (head for head in valid if head.tree_size <= n)
        if n
        else (head for head in valid if head.tree_size == 0),
        key=lambda head: head.tree_size,
    )
    wrong = [h for h in wrong if not hmac.compare_digest(roots[h.tree_size], h.root_hash)]
    if wrong:
        problems.append(Problem("rewritten", wrong[0].tree_size, len(wrong)))
    if n and not valid and not heads_file.bad_lines:
        problems.append(Problem("no_heads", 0, n))
    if stored is None:
        if n or valid:
            problems.append(Problem("db_head_missing"))
    elif stored.tree_size != n or not hmac.compare_digest(stored.root_hash, root):
        problems.append(Problem("db_head", stored.tree_size, n))
    good = [h for h in valid if h.tree_size <= n and h not in wrong]
    latest = max(good, key=lambda head: (head.tree_size, head.timestamp), default=None)
    proof: list[bytes] = []
    proved_to = 0
    if since is not None:
        proved_to = latest.tree_size if latest and latest.tree_size >= since.tree_size else n
        # Up to the latest signed head that agrees with the rows (what a witness holds).
        to_root = latest.root_hash if latest and proved_to == latest.tree_size else root
        if not signed_by(since, public_key):
            problems.append(Problem("since_signature", since.tree_size))
        elif since.tree_size > n:
            problems.append(Problem("inconsistent", since.tree_size, n))
        else:
            if since.tree_size > 0:
                proof = merkle.consistency_proof(leaves[:proved_to], since.tree_size)
            if not merkle.verify_consistency(
                since.tree_size, since.root_hash, proved_to, to_root, proof
            ):
                problems.append(Problem("inconsistent", since.tree_size, proved_to))
    return Report(problems, n, root, latest, proof, proved_to)
