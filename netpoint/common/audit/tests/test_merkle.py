"""The Merkle tree of RFC 9162 against the Certificate Transparency test vectors (the eight
leaves of RFC 6962's reference tests and their published roots and proofs)."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.common.audit import heads, merkle

DATA = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
LEAVES = [merkle.leaf_hash(d) for d in DATA]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [
    (0, 1, []),
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]


@pytest.mark.parametrize("n", range(9))
def test_the_roots_of_the_first_n_test_leaves_are_the_published_ones(n):
    assert merkle.root(LEAVES[:n]).hex() == ROOTS[n]


def test_the_compact_range_gives_every_published_root_one_append_at_a_time():
    frontier: tuple[bytes, ...] = ()
    assert merkle.frontier_root(frontier).hex() == ROOTS[0]
    for count, leaf in enumerate(LEAVES):
        frontier = merkle.frontier_append(frontier, count, leaf)
        assert merkle.frontier_root(frontier).hex() == ROOTS[count + 1]


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_proofs_are_the_published_ones_and_verify(index, size, path):
    proof = merkle.inclusion_proof(LEAVES[:size], index)
    assert [p.hex() for p in proof] == path
    root = bytes.fromhex(ROOTS[size])
    assert merkle.verify_inclusion(LEAVES[index], index, size, proof, root)


@pytest.mark.parametrize(("first", "second", "path"), CONSISTENCY)
def test_consistency_proofs_are_the_published_ones_and_verify(first, second, path):
    proof = merkle.consistency_proof(LEAVES[:second], first)
    assert [p.hex() for p in proof] == path
    old, new = bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second])
    assert merkle.verify_consistency(first, old, second, new, proof)


def test_every_proof_in_trees_up_to_33_leaves_verifies_and_a_wrong_one_does_not():
    leaves = [merkle.leaf_hash(n.to_bytes(2, "big")) for n in range(33)]
    for size in range(1, 34):
        root = merkle.root(leaves[:size])
        for index in range(size):
            proof = merkle.inclusion_proof(leaves[:size], index)
            assert merkle.verify_inclusion(leaves[index], index, size, proof, root)
            if size > 1:
                other = (index + 1) % size
                assert not merkle.verify_inclusion(leaves[other], index, size, proof, root)
        for first in range(1, size + 1):
            old = merkle.root(leaves[:first])
            proof = merkle.consistency_proof(leaves[:size], first)
            assert merkle.verify_consistency(first, old, size, root, proof)
            if first < size:
                assert not merkle.verify_consistency(first, root, size, root, proof)
                assert not merkle.verify_consistency(first, old, size, old, proof)


def test_a_proof_with_one_changed_byte_fails():
    proof = merkle.consistency_proof(LEAVES, 6)
    old, new = bytes.fromhex(ROOTS[6]), bytes.fromhex(ROOTS[8])
    for i in range(len(proof)):
        bad = list(proof)
        bad[i] = bytes([bad[i][0] ^ 1]) + bad[i][1:]
        assert not merkle.verify_consistency(6, old, 8, new, bad)
    inclusion = merkle.inclusion_proof(LEAVES, 5)
    assert not merkle.verify_inclusion(LEAVES[5], 5, 8, inclusion[:-1], new)
    assert not merkle.verify_inclusion(LEAVES[5], 8, 8, inclusion, new)


def test_a_shrunk_tree_is_never_consistent_with_a_larger_one():
    new, old = bytes.fromhex(ROOTS[8]), bytes.fromhex(ROOTS[6])
    assert not merkle.verify_consistency(8, new, 6, old, [])


def test_leaves_and_nodes_hash_apart():
    left, right = LEAVES[0], LEAVES[1]
    assert merkle.leaf_hash(left + right) != merkle.node_hash(left, right)


def test_a_signed_head_round_trips_and_any_change_breaks_its_signature():
    key = Ed25519PrivateKey.generate()
    head = heads.sign(key, 8, 1_765_000_000_000, bytes.fromhex(ROOTS[8]))
    again = heads.SignedHead.from_json(head.to_json())
    assert again == head and heads.signed_by(again, key.public_key())
    for changed in ({"tree_size": 7}, {"timestamp": 1}, {"root_hash": ROOTS[7]}):
        forged = heads.SignedHead.from_dict(head.as_dict() | changed)
        assert not heads.signed_by(forged, key.public_key())
    assert not heads.signed_by(head, Ed25519PrivateKey.generate().public_key())


@pytest.mark.parametrize(
    "text",
    ['{"tree_size": -1}', "[]", "không phải JSON", '{"tree_size": 1, "timestamp": 1}', "[" * 5000],
)
def test_text_that_is_not_a_head_is_refused(text):
    with pytest.raises(heads.BadHead):
        heads.SignedHead.from_json(text)
