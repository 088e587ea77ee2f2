"""Access batches from a point (events of kind `access.batch`), and the lines no session held
(`access.unattributed`), taken in through the ingest door (netpoint.provider.records.rows):
turned into COPY lines with no database, then copied in under the point's stream lock. The
point is who signed the batch: its rows are written under its own id, whatever they say."""

from django.db import connection

from netpoint.provider.records.copytext import copy_lines, text
from netpoint.provider.records.rows import Handler
from netpoint.provider.registry.models import Point

COLUMNS = (
    "accessrecords_accessrecord (point_id, session, minute, service, destination, port, count)"
)


def lines(point_pk: str, data: dict) -> list[str]:
    """The event was checked on arrival (netpoint.common.events.schema): every entry is whole."""
    return [
        f"{point_pk}\t{session}\t{minute}\t{service}\t{text(destination)}\t{port}\t{count}\n"
        for session, minute, service, destination, port, count in data["entries"]
    ]


def prepare(point: Point, events: list[dict]) -> list[str]:
    pk = str(point.pk)
    return [line for event in events for line in lines(pk, event["data"])]


def write(point: Point, found: list[str]) -> None:
    with connection.cursor() as cursor:
        copy_lines(cursor, COLUMNS, found)


UNATTRIBUTED = (
    "accessrecords_unattributedaccess"
    " (point_id, address, station, minute, service, destination, port, count)"
)


def unattributed_lines(point_pk: str, data: dict) -> list[str]:
    return [
        f"{point_pk}\t{address}\t{text(station or '')}\t{minute}\t"
        f"{service}\t{text(destination)}\t{port}\t{count}\n"
        for address, station, minute, service, destination, port, count in data["entries"]
    ]


def prepare_unattributed(point: Point, events: list[dict]) -> list[str]:
    pk = str(point.pk)
    return [line for event in events for line in unattributed_lines(pk, event["data"])]


def write_unattributed(point: Point, found: list[str]) -> None:
    with connection.cursor() as cursor:
        copy_lines(cursor, UNATTRIBUTED, found)


HANDLERS = [
    Handler(kinds=frozenset({"access.batch"}), prepare=prepare, write=write),
    Handler(
        kinds=frozenset({"access.unattributed"}),
        prepare=prepare_unattributed,
        write=write_unattributed,
    ),
]
