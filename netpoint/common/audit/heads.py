"""Signed tree heads: (tree size, time, root) signed with Ed25519, pure.

What is signed is fixed bytes, so a witness can check a head with any Ed25519 tool:
  b"netpoint audit tree head v1\\n" || tree_size (8 bytes, big-endian)
  || timestamp in milliseconds since 1970 UTC (8 bytes, big-endian) || root hash (32 bytes).
A head travels as one JSON object (`as_dict`): tree_size, timestamp, root_hash (hex),
key_id (the first 16 hex digits of SHA-256 of the raw public key) and signature (base64).
"""

import base64
import binascii
import hashlib
import json
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

CONTEXT = b"netpoint audit tree head v1\n"


class BadHead(ValueError):
    """Text that is not a head."""


@dataclass(frozen=True)
class SignedHead:
    tree_size: int
    timestamp: int  # milliseconds since 1970-01-01 UTC
    root_hash: bytes
    key_id: str
    signature: bytes

    @property
    def signed_at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp / 1000, UTC)

    def as_dict(self) -> dict:
        return {
            "tree_size": self.tree_size,
            "timestamp": self.timestamp,
            "time": self.signed_at.isoformat(),
            "root_hash": self.root_hash.hex(),
            "key_id": self.key_id,
            "signature": base64.b64encode(self.signature).decode(),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), separators=(",", ":"))

    @classmethod
    def from_dict(cls, data) -> "SignedHead":
        try:
            head = cls(
                tree_size=data["tree_size"],
                timestamp=data["timestamp"],
                root_hash=bytes.fromhex(data["root_hash"]),
                key_id=str(data["key_id"]),
                signature=base64.b64decode(data["signature"], validate=True),
            )
        except (KeyError, TypeError, ValueError, binascii.Error, AttributeError):
            raise BadHead("not a signed tree head") from None
        sizes = (head.tree_size, head.timestamp)
        if not all(type(n) is int and 0 <= n < 2**63 for n in sizes):
            raise BadHead("not a signed tree head")
        if len(head.root_hash) != 32:
            raise BadHead("not a signed tree head")
        return head

    @classmethod
    def from_json(cls, text: str) -> "SignedHead":
        try:
            return cls.from_dict(json.loads(text))
        except (ValueError, RecursionError):
            raise BadHead("not a signed tree head") from None


def signed_bytes(tree_size: int, timestamp: int, root_hash: bytes) -> bytes:
    return CONTEXT + struct.pack(">QQ", tree_size, timestamp) + root_hash


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public(key)).hexdigest()[:16]


def sign(
    key: Ed25519PrivateKey,
    tree_size: int,
    timestamp: int,
    root_hash: bytes,
    its_id: str | None = None,
) -> SignedHead:
    """`its_id`: the key's id when the caller already has it (saves a derivation per head)."""
    signature = key.sign(signed_bytes(tree_size, timestamp, root_hash))
    its_id = its_id or key_id(key.public_key())
    return SignedHead(tree_size, timestamp, root_hash, its_id, signature)


def signed_by(head: SignedHead, key: Ed25519PublicKey) -> bool:
    try:
        key.verify(head.signature, signed_bytes(head.tree_size, head.timestamp, head.root_hash))
    except InvalidSignature:
        return False
    return True
