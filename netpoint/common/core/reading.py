"""Which database the reads of this moment go to: "default" (the primary), unless a role has
sent them to a replica for a while (netpoint.provider.records.replica). Role-free, so that the
plain-SQL cursors (netpoint.common.core.plainsql) follow the same choice as the ORM's router."""

from contextvars import ContextVar

DEFAULT = "default"

_alias: ContextVar[str] = ContextVar("netpoint_reading_alias", default=DEFAULT)


def alias() -> str:
    return _alias.get()


def set_alias(name: str):
    """Send reads to `name` until reset with the token this returns."""
    return _alias.set(name)


def reset(token) -> None:
    _alias.reset(token)
