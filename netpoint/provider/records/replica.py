"""Reads that may come from a PostgreSQL streaming replica: authority searches, the monitoring
pages and the reports (docs/DEPLOY.md, "Read replicas").

A replica is the `replica` database (NETPOINT_REPLICA_DATABASE_URL). Inside `from_replica()`
the ORM's reads (ReplicaRouter) and the plain-SQL cursors (netpoint.common.core.reading) go to it,
unless it is unreachable or further behind the primary than NETPOINT_REPLICA_MAX_LAG seconds:
then they stay on the primary, and the caller is told which it got. Writes always go to the
primary, and so do the reads of what must be current: users and sign-ins, the audit log (its
appends read its last entry), written requests and their decisions (a revocation holds at
once), and the point's stream lock.
"""

import logging
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

from netpoint.common.core import reading

REPLICA = "replica"
log = logging.getLogger(__name__)

# Apps whose rows a read under `from_replica()` still takes from the primary.
PRIMARY_ONLY = frozenset(
    {"admin", "audit", "auth", "contenttypes", "sessions", "accounts", "authority", "core"}
)

# How far behind the primary the replica is, in seconds: 0 when it has replayed all it received.
LAG = """
SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)
       END, pg_is_in_recovery()
"""


@dataclass(frozen=True)
class Source:
    """Where a read came from: the replica with how far behind it was, or the primary."""

    replica: bool
    lag_seconds: float | None = None


PRIMARY = Source(replica=False)


def configured() -> bool:
    return REPLICA in connections.settings


def lag_seconds() -> float | None:
    """The replica's lag, or None when it cannot be read (down, or not a standby)."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG)
            lag, standby = cursor.fetchone()
    except DatabaseError:
        log.warning("the read replica does not answer; reading from the primary")
        connections[REPLICA].close()
        return None
    return float(lag) if standby else None


@contextmanager
def from_replica():
    """Reads in this block from the replica when it is there and close enough behind;
    yields the Source they come from."""
    if not configured():
        yield PRIMARY
        return
    lag = lag_seconds()
    if lag is None or lag > settings.NETPOINT_REPLICA_MAX_LAG:
        yield PRIMARY
        return
    token = reading.set_alias(REPLICA)
    try:
        yield Source(replica=True, lag_seconds=round(lag, 1))
    finally:
        reading.reset(token)


class ReplicaRouter:
    """The ORM's side of `from_replica()`."""

    def db_for_read(self, model, **hints):
        alias = reading.alias()
        if alias != reading.DEFAULT and model._meta.app_label not in PRIMARY_ONLY:
            return alias
        return None

    def db_for_write(self, model, **hints):
        return reading.DEFAULT

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, a moment apart

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == reading.DEFAULT


class ReplicaReadsMiddleware:
    """GET pages drawn by the views of NETPOINT_REPLICA_READS (module prefixes: the monitoring
    pages, the reports) read from the replica, rendering included; `request.read_from` says
    which database answered. Installed only when a replica is configured, last (innermost),
    so that the reads last until the response is rendered."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.NETPOINT_REPLICA_READS)

    def __call__(self, request):
        request.read_from = PRIMARY
        with ExitStack() as reads:
            request.replica_reads = reads
            return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # The view Django resolved already: nothing is resolved twice.
        module = getattr(view, "__module__", "") or ""
        if request.method in ("GET", "HEAD") and module.startswith(self.prefixes):
            request.read_from = request.replica_reads.enter_context(from_replica())
