"""A provider's policy for a point, signed by the provider (both roles use this module).

The provider signs the policy's canonical JSON with its Ed25519 key (the key that signs its
audit heads, netpoint.common.audit); the point verifies it with the provider's public key,
given once at enrollment, so a policy altered on the way, or made by anyone but the provider,
is refused. The message starts with its own label, so a signature over a policy can never
pass for a signed audit head or request, nor the other way round.
"""

import base64
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from netpoint.common.policies.provided import PointPolicy, PolicyInvalid

LABEL = b"NETPOINT-POLICY-1\n"


class PolicyRefused(ValueError):
    """A policy document whose signature fails or that is not a policy."""


def canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def raw_public_key(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signed_document(key: Ed25519PrivateKey, policy: PointPolicy) -> dict:
    """The policy as it travels: the JSON, its signature and the signer's public key."""
    data = policy.as_json()
    return {
        "policy": data,
        "signature": base64.b64encode(key.sign(LABEL + canonical(data))).decode(),
        "key": base64.b64encode(raw_public_key(key)).decode(),
    }


@dataclass(frozen=True)
class Verified:
    policy: PointPolicy
    signature: str


def document_key(document) -> bytes:
    """The public key a document names (the point trusts it only if it is the pinned one)."""
    try:
        key = base64.b64decode(document["key"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise PolicyRefused("the policy names no key") from None
    if len(key) != 32:
        raise PolicyRefused("the policy's key is not an Ed25519 key")
    return key


def verify(public_key: bytes, document) -> Verified:
    """The policy of `document` if `public_key` signed it, else PolicyRefused."""
    if not isinstance(document, dict) or not isinstance(document.get("policy"), dict):
        raise PolicyRefused("not a policy document")
    try:
        signature = base64.b64decode(document.get("signature") or "", validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            signature, LABEL + canonical(document["policy"])
        )
    except (InvalidSignature, ValueError, TypeError):
        raise PolicyRefused("the policy's signature does not match") from None
    try:
        policy = PointPolicy.from_json(document["policy"])
    except PolicyInvalid as invalid:
        raise PolicyRefused(f"signed but not a policy: {invalid}") from None
    return Verified(policy, document["signature"])
