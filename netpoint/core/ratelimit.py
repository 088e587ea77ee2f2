"""Counting failed attempts (pairing codes, member passwords) so they cannot be guessed."""

from django.core.cache import cache

WINDOW_SECONDS = 300


def _key(scope: str, who: str) -> str:
    return f"failures:{scope}:{who}"


def blocked(scope: str, who: str, limit: int) -> bool:
    return cache.get(_key(scope, who), 0) >= limit


def failed(scope: str, who: str) -> None:
    key = _key(scope, who)
    cache.add(key, 0, WINDOW_SECONDS)
    cache.incr(key)


def clear(scope: str, who: str) -> None:
    cache.delete(_key(scope, who))
