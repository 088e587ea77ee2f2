"""Sealed personal data: ID and phone numbers encrypted at rest, found through blind indexes.

A sealed value is `v1.<key id>.<base64 of nonce + AES-256-GCM ciphertext>`, with the column's
name as associated data so that a value copied into another column does not open. Lookups use
a keyed hash (HMAC-SHA-256) of the normalised value, so equal numbers match without the
database ever holding them. Keys come from the environment (NETPOINT_SEALING_KEYS), never from
the database; several keys may be known at once so that old values open while `reseal` moves
them to the active key.
"""

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "v1"


class SealingError(ValueError):
    pass


@dataclass(frozen=True)
class KeyRing:
    active: str
    keys: dict[str, bytes]  # key id -> 32-byte AES key
    index_key: bytes

    @classmethod
    def parse(cls, text: str) -> "KeyRing":
        """`active=k2;k1=<base64>;k2=<base64>;index=<base64>`: the form of NETPOINT_SEALING_KEYS."""
        fields = {}
        for part in filter(None, (p.strip() for p in text.split(";"))):
            name, sep, value = part.partition("=")
            if not sep or not name:
                raise SealingError("each part must be name=value")  # never echo key material
            fields[name.strip()] = value.strip()
        active = fields.pop("active", "")
        try:
            index_key = base64.b64decode(fields.pop("index", ""), validate=True)
            keys = {kid: base64.b64decode(v, validate=True) for kid, v in fields.items()}
        except ValueError:  # binascii.Error, or characters outside ASCII
            raise SealingError("keys must be base64") from None
        if active not in keys:
            raise SealingError("the active key id must name one of the keys")
        if any(len(k) != 32 for k in keys.values()) or len(index_key) < 32:
            raise SealingError("every key must be 32 bytes")
        if any(not kid.isalnum() for kid in keys):
            raise SealingError("key ids are letters and digits")
        return cls(active, keys, index_key)

    @staticmethod
    def new_key() -> str:
        return base64.b64encode(os.urandom(32)).decode()


def seal(value: str, column: str, ring: KeyRing) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[ring.active]).encrypt(nonce, value.encode(), column.encode())
    return f"{FORMAT}.{ring.active}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def key_id(token: str) -> str:
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != FORMAT:
        raise SealingError("not a sealed value")
    return parts[1]


def unseal(token: str, column: str, ring: KeyRing) -> str:
    kid = key_id(token)
    if kid not in ring.keys:
        raise SealingError(f"key {kid} is not known here")
    try:
        raw = base64.urlsafe_b64decode(token.split(".")[2])
        return AESGCM(ring.keys[kid]).decrypt(raw[:12], raw[12:], column.encode()).decode()
    except (binascii.Error, ValueError, InvalidTag):
        raise SealingError("the sealed value was altered or belongs elsewhere") from None


def reseal(token: str, column: str, ring: KeyRing) -> str:
    """The same value under the active key; unchanged if it is already there."""
    if key_id(token) == ring.active:
        return token
    return seal(unseal(token, column, ring), column, ring)


def blind_index(value: str, column: str, ring: KeyRing) -> str:
    """Equal values give equal indexes, per column; the value cannot be read back."""
    message = f"{column}\0{value}".encode()
    return hmac.new(ring.index_key, message, hashlib.sha256).hexdigest()
