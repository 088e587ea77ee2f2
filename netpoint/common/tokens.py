"""Bearer API tokens: how a system proves itself to a JSON API with a secret it was given once
(a game operator's servers, an advertiser's sending system, a café's station clients).

The secret is shown once when it is made; only its SHA-256 is kept, so a copy of the database
opens nothing. A lookup hashes what the caller sent and finds the row by that hash (an indexed
equality on a hash, which tells a guesser nothing about any secret); where two hashes are
compared in Python, they are compared in constant time.

Each app keeps its own table and its own rules (which kind of token may call what, whom it
belongs to, how long a lookup may be remembered). What they share is here: making a secret,
its hash, the stored columns (`StoredToken`), issuing, finding and revoking, and the
django-ninja `TokenBearer` that reads the header and answers 401 in the app's words.
"""

import hashlib
import hmac
import secrets
from typing import Generic, NamedTuple, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError
from ninja.security import HttpBearer

from netpoint.common.core import clock

# 32 random bytes: 256 bits, as URL-safe base64 (43 characters), past any guessing.
SECRET_BYTES = 32
# Longer than any secret made here with its prefix: hashing a caller's megabyte would be work
# for nothing.
MAX_SECRET_LENGTH = 100


def new_secret(prefix: str = "") -> str:
    """A new secret; `prefix` names what it opens, so a leaked one is recognised (and found by
    secret scanners)."""
    return prefix + secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    """What is kept of a secret: its SHA-256, 64 hexadecimal characters."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_digest(given: str, kept: str | None) -> bool:
    """Whether two digests are the same, in constant time; nothing kept matches nothing."""
    return kept is not None and hmac.compare_digest(given, kept)


class StoredToken(models.Model):
    """The columns every token table has: the secret's hash, when it was made and when it was
    revoked (a revoked token opens nothing but stays, as the record of who could call)."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


Token = TypeVar("Token", bound=StoredToken)


class Issued(NamedTuple, Generic[Token]):
    """A token just made, and its secret: shown once, never kept."""

    token: Token
    secret: str


def issue(model: type[Token], prefix: str = "", **fields) -> Issued[Token]:
    """A new token of `model` with its other `fields` (owner, name, kind...)."""
    secret = new_secret(prefix)
    token = model.objects.create(token_hash=digest(secret), created_at=clock.now(), **fields)
    return Issued(token, secret)


def find(tokens: QuerySet[Token], secret: str) -> Token | None:
    """The live (not revoked) token of `tokens` whose secret this is."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    return tokens.filter(token_hash=digest(secret), revoked_at__isnull=True).first()


def revoke(token: StoredToken) -> None:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])


def bearer_secret(header: str) -> str:
    """The secret of an `Authorization: Bearer <secret>` header; "" for any other header."""
    scheme, _space, secret = header.partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or len(secret) > MAX_SECRET_LENGTH:
        return ""
    return secret


class TokenBearer(HttpBearer):
    """django-ninja auth by a bearer token. A subclass says what a secret opens in
    `authenticate(request, secret)` (None: nothing) and may set `unauthorized`, its answer when
    the header is missing or opens nothing (401). The header itself is never logged."""

    unauthorized = gettext_lazy("Thiếu hoặc sai mã truy cập (Authorization: Bearer ...).")

    def __call__(self, request):
        secret = bearer_secret(request.headers.get(self.header, ""))
        found = self.authenticate(request, secret) if secret else None
        if found is None:
            raise HttpError(401, str(self.unauthorized))
        return found
