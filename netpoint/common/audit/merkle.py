"""The Merkle tree of RFC 9162 (Certificate Transparency v2), §2.1, as pure functions over leaf
hashes (bytes of 32).

A log whose heads are signed and kept by others cannot be cut short, rewritten or reordered
without a signed head disagreeing: an old head's root must be the root of the same first leaves
today (the consistency proof shows it with log2(n) hashes), and an entry's leaf is in the tree
under a head (the inclusion proof). The compact range ("frontier": the roots of the perfect
subtrees the first n leaves make, largest first) lets an append compute the new root with
log2(n) hashes, without reading the tree.
"""

import hashlib
import hmac
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _mth(leaves: Sequence[bytes], lo: int, hi: int) -> bytes:
    if hi - lo == 1:
        return leaves[lo]
    k = _split(hi - lo)
    return node_hash(_mth(leaves, lo, lo + k), _mth(leaves, lo + k, hi))


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) over the leaves' hashes."""
    return _mth(leaves, 0, len(leaves)) if leaves else EMPTY_ROOT


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1: the leaf at `index` is in the tree of `leaves`."""
    if not 0 <= index < len(leaves):
        raise ValueError("the leaf is outside the tree")
    proof: list[bytes] = []
    lo, hi = 0, len(leaves)
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            proof.append(_mth(leaves, lo + k, hi))
            hi = lo + k
        else:
            proof.append(_mth(leaves, lo, lo + k))
            lo = lo + k
    proof.reverse()
    return proof


def consistency_proof(leaves: Sequence[bytes], first_size: int) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1: the tree of the first `first_size` leaves is a
    prefix of the tree of `leaves`."""
    if not 0 < first_size <= len(leaves):
        raise ValueError("the first size must be between 1 and the tree's size")
    proof: list[bytes] = []
    m, lo, hi, complete = first_size, 0, len(leaves), True
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:
            proof.append(_mth(leaves, lo + k, hi))
            hi = lo + k
        else:
            proof.append(_mth(leaves, lo, lo + k))
            m, lo, complete = m - k, lo + k, False
    if not complete:
        proof.append(_mth(leaves, lo, hi))
    proof.reverse()
    return proof


def _same(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


def verify_inclusion(
    leaf: bytes, index: int, tree_size: int, proof: Sequence[bytes], root_hash: bytes
) -> bool:
    """RFC 9162 §2.1.3.2."""
    if not 0 <= index < tree_size:
        return False
    fn, sn, r = index, tree_size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and _same(r, root_hash)


def verify_consistency(
    first_size: int,
    first_root: bytes,
    second_size: int,
    second_root: bytes,
    proof: Sequence[bytes],
) -> bool:
    """RFC 9162 §2.1.4.2: the tree of `second_size` leaves extends that of `first_size`."""
    if not 0 <= first_size <= second_size:
        return False
    if first_size == second_size:
        return not proof and _same(first_root, second_root)
    if first_size == 0:
        return not proof and _same(first_root, EMPTY_ROOT)
    if not proof:
        return False
    path = list(proof)
    if first_size & (first_size - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first_size - 1, second_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and _same(fr, first_root) and _same(sr, second_root)


def frontier_append(frontier: Sequence[bytes], size: int, leaf: bytes) -> tuple[bytes, ...]:
    """The compact range of size + 1 leaves from that of `size` leaves: like adding one to a
    binary counter, each carry joins two perfect subtrees of the same height."""
    nodes, h = list(frontier), leaf
    while size & 1:
        h = node_hash(nodes.pop(), h)
        size >>= 1
    nodes.append(h)
    return tuple(nodes)


def frontier_root(frontier: Sequence[bytes]) -> bytes:
    """The root of the tree whose compact range this is (the subtrees, largest first, joined
    from the right, as MTH splits)."""
    if not frontier:
        return EMPTY_ROOT
    h = frontier[-1]
    for node in reversed(frontier[:-1]):
        h = node_hash(node, h)
    return h
