"""Silent stations a point reports (events of kind `station.silent`), taken in through the
ingest door (netpoint.provider.records.rows). Few and small: plain inserts. The point is who
signed the batch: the rows are its own, whatever the events say."""

from datetime import datetime

from netpoint.provider.monitoring.models import StationSilence
from netpoint.provider.records.rows import Handler
from netpoint.provider.registry.models import Point


def prepare(point: Point, events: list[dict]) -> list[StationSilence]:
    """The events were checked on arrival (netpoint.common.events.schema)."""
    return [
        StationSilence(
            point_id=point.pk,
            station=event["data"]["station"],
            last_seen=datetime.fromisoformat(event["data"]["last_seen"]),
            noticed_at=datetime.fromisoformat(event["data"]["noticed_at"]),
        )
        for event in events
    ]


def write(point: Point, rows: list[StationSilence]) -> None:
    StationSilence.objects.bulk_create(rows)


HANDLERS = [Handler(kinds=frozenset({"station.silent"}), prepare=prepare, write=write)]
