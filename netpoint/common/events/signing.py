"""Signed requests from a point's server to its provider (both roles use this module).

A point signs, with its Ed25519 key, the method, path, a timestamp, a fresh nonce and the hash
of the body. The provider checks the signature with the point's public key, refuses a
timestamp outside its window and a nonce it has seen: a replayed, expired or altered request
fails, and no point can write as another because only it holds its private key.
"""

import base64
import hashlib
import os
import re
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

POINT = "X-Netpoint-Point"
TIMESTAMP = "X-Netpoint-Timestamp"
NONCE = "X-Netpoint-Nonce"
SIGNATURE = "X-Netpoint-Signature"
# ASCII digits only: str.isdigit() also takes "²" or "٣", which int() then refuses.
UNIX_TIME = re.compile(r"[0-9]{1,12}")


class SignatureRefused(ValueError):
    pass


def new_private_key() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes_raw()
    return base64.b64encode(raw).decode()


def public_key_of(private_key: str) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"NETPOINT-1\n{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def sign(private_key: str, point: str, method: str, path: str, body: bytes, now=None) -> dict:
    """The headers that make a request the point's own."""
    timestamp = str(int(time.time() if now is None else now))
    nonce = os.urandom(16).hex()
    key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    signature = key.sign(_message(method, path, timestamp, nonce, body))
    return {
        POINT: point,
        TIMESTAMP: timestamp,
        NONCE: nonce,
        SIGNATURE: base64.b64encode(signature).decode(),
    }


@dataclass(frozen=True)
class Signed:
    point: str
    timestamp: int
    nonce: str
    signature: bytes


def read_headers(headers) -> Signed:
    """The signing headers of a request, or SignatureRefused naming what is wrong."""
    values = {name: (headers.get(name) or "").strip() for name in (POINT, TIMESTAMP, NONCE)}
    if not all(values.values()) or not headers.get(SIGNATURE):
        raise SignatureRefused("the request is not signed")
    if not UNIX_TIME.fullmatch(values[TIMESTAMP]):
        raise SignatureRefused("the timestamp is not a Unix time")
    nonce = values[NONCE]
    if not (16 <= len(nonce) <= 64) or not all(c in "0123456789abcdef" for c in nonce):
        raise SignatureRefused("the nonce must be 16 to 64 hexadecimal digits")
    try:
        signature = base64.b64decode(headers.get(SIGNATURE), validate=True)
    except ValueError:
        raise SignatureRefused("the signature is not base64") from None
    return Signed(values[POINT], int(values[TIMESTAMP]), nonce, signature)


def verify(
    public_key: bytes,
    signed: Signed,
    method: str,
    path: str,
    body: bytes,
    *,
    now: float,
    window: int,
) -> None:
    if abs(now - signed.timestamp) > window:
        raise SignatureRefused("the request is too old or from the future: check the clock")
    message = _message(method, path, str(signed.timestamp), signed.nonce, body)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signed.signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureRefused("the signature does not match the request") from None
