"""Access batches from a point into COPY lines (netpoint.provider.records.rows calls this)."""

from netpoint.provider.records.copytext import text

COLUMNS = (
    "accessrecords_accessrecord (point_id, session, minute, service, destination, port, count)"
)


def lines(point_pk: str, data: dict) -> list[str]:
    """The event was checked on arrival (netpoint.common.events.schema): every entry is whole."""
    return [
        f"{point_pk}\t{session}\t{minute}\t{service}\t{text(destination)}\t{port}\t{count}\n"
        for session, minute, service, destination, port, count in data["entries"]
    ]
