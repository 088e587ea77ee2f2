"""A batch of events turned into rows, then written, by the handler of each kind of event.

`prepare` needs no database, so it runs before the point's stream lock is taken; `write` runs
under it, in the batch's transaction. After the handlers' rows come those of the received
events themselves, which de-duplicate resends.

The ingest door (netpoint.common.core.doors): an installed provider app takes events of some
kinds (netpoint.common.events.schema) by having an `ingest` module that defines
`HANDLERS: list[Handler]`. Each kind has exactly one handler, whose

- `prepare(point, events) -> rows` turns the batch's events of its kinds (in batch order) into
  what it will write, needing no database;
- `write(point, rows)` stores them (COPY on the large tables), raising Unmatched to refuse the
  whole batch. Handlers write in INSTALLED_APPS order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from netpoint.common.core.doors import opened
from netpoint.provider.records.copytext import copy_lines
from netpoint.provider.registry.models import Point


class Unmatched(ValueError):
    """An event refers to something the point never sent."""


@dataclass(frozen=True)
class Handler:
    """What an app's `ingest` module lists in HANDLERS (see the module's docstring)."""

    kinds: frozenset[str]
    prepare: Callable[[Point, list[dict]], Any]
    write: Callable[[Point, Any], None]


@dataclass
class Rows:
    """A batch, prepared: each handler with its rows, and the received events' COPY lines."""

    handled: list[tuple[Handler, Any]]
    received: list[str]


@cache
def handlers() -> dict[str, Handler]:
    """The handler of each kind of event, from every installed provider app's `ingest` module,
    in INSTALLED_APPS order (found once: the apps do not change while the server runs)."""
    by_kind: dict[str, Handler] = {}
    for door in opened("ingest", within="netpoint.provider."):
        for handler in door.HANDLERS:
            for kind in handler.kinds:
                if kind in by_kind:
                    raise ImproperlyConfigured(f"two ingest handlers take {kind} events")
                by_kind[kind] = handler
    return by_kind


def prepare(point: Point, events: list[dict], now: datetime) -> Rows:
    by_kind = handlers()
    batch: dict[Handler, list[dict]] = {handler: [] for handler in by_kind.values()}
    for event in events:
        batch[by_kind[event["kind"]]].append(event)
    handled = [(handler, handler.prepare(point, mine)) for handler, mine in batch.items() if mine]
    pk, received = str(point.pk), f"\t{now.isoformat()}\n"
    lines = [f"{e['id']}\t{pk}\t{e['seq']}\t{e['kind']}\t{e['at']}{received}" for e in events]
    return Rows(handled=handled, received=lines)


def write(point: Point, found: Rows) -> None:
    for handler, rows in found.handled:
        handler.write(point, rows)
    with connection.cursor() as cursor:
        copy_lines(
            cursor,
            "records_receivedevent (id, point_id, seq, kind, occurred_at, received_at)",
            found.received,
        )
