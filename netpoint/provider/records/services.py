"""Ingest: taking a point's batch of events into the central records, exactly once.

A batch is stored whole or not at all, inside one transaction that first locks the point's
stream row, so one point's batches are stored one after another even when several app
processes receive them. Events already stored (found by id) are skipped, so a resend after a
lost acknowledgement is harmless; sequence numbers that are skipped are recorded as gaps. The
rows go in with COPY (PostgreSQL), the fast path for the large tables; people, stations and
session endings are upserts.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from netpoint.common.core import clock
from netpoint.common.events.schema import problems
from netpoint.provider.records import rows
from netpoint.provider.records.models import Heartbeat, PointStream, ReceivedEvent, SequenceGap
from netpoint.provider.registry.conf import conf as provider_conf
from netpoint.provider.registry.models import Point

MAX_REPORTED = 50
ORDER_POLL_SECONDS = 0.005


class BatchRefused(ValueError):
    """The whole batch is refused: nothing of it was stored."""

    def __init__(self, status: int, message: str, errors: list | None = None):
        super().__init__(message)
        self.status, self.errors = status, errors or []


@dataclass
class Receipt:
    accepted: int = 0
    duplicates: int = 0
    contiguous_seq: int = 0
    highest_seq: int = 0
    gaps: list[list[int]] = field(default_factory=list)


def check(events: list, point: Point) -> None:
    """Refuse the batch if any event is malformed, claims another point, or is of a kind no
    installed app takes (the schema knows every kind; the provider may not run them all)."""
    errors = []
    taken = rows.handlers()
    for index, event in enumerate(events):
        found = problems(event)
        if isinstance(event, dict) and event.get("point") != point.code:
            found.append("the event belongs to another point")
        if not found and event["kind"] not in taken:
            found.append("no app of this provider takes events of this kind")
        if found:
            errors.append({"index": index, "problems": found})
            if len(errors) >= MAX_REPORTED:
                break
    if errors:
        raise BatchRefused(422, "some events are not valid; nothing was stored", errors)


def ingest(point: Point, events: list) -> Receipt:
    check(events, point)
    first = min(event["seq"] for event in events)
    # Everything that needs no database is done before the point's lock is taken: while one
    # batch is being written the next one is already turned into rows.
    now = clock.now()
    prepared = rows.prepare(point, events, now)
    patience = time.monotonic() + provider_conf().order_wait_seconds
    while True:
        with transaction.atomic():
            stream, _created = PointStream.objects.get_or_create(point=point)
            stream = PointStream.objects.select_for_update().get(pk=stream.pk)
            # A sender with several batches in flight may have this one arrive before the one
            # just ahead of it: give that one a moment, so a point's events are stored in order.
            if first <= stream.highest_seq + 1 or time.monotonic() >= patience:
                return _take(point, stream, events, prepared, now)
        time.sleep(ORDER_POLL_SECONDS)


def _take(point, stream, events, prepared: rows.Rows, now) -> Receipt:
    fresh = _fresh(point, events)
    receipt = Receipt(accepted=len(fresh), duplicates=len(events) - len(fresh))
    if fresh:
        if len(fresh) < len(events):  # a resend: only what was not stored before
            prepared = rows.prepare(point, fresh, now)
        try:
            rows.write(point, prepared)
        except rows.Unmatched as refused:
            raise BatchRefused(422, str(refused)) from None
        _advance(stream, sorted(e["seq"] for e in fresh), now)
    receipt.contiguous_seq, receipt.highest_seq = stream.contiguous_seq, stream.highest_seq
    receipt.gaps = [
        [g.first_seq, g.last_seq] for g in SequenceGap.objects.filter(point=point)[:100]
    ]
    return receipt


def _fresh(point: Point, events: list) -> list[dict]:
    """The events not stored before, each once, in sequence order. An id seen with another
    sequence number, or a sequence number already taken by another id, refuses the batch.
    A point numbers its events without gaps or repeats, so the stored events a batch could
    repeat are those of the point in the batch's range of sequence numbers."""
    by_id: dict[str, dict] = {}
    for event in events:
        earlier = by_id.setdefault(event["id"], event)
        if earlier["seq"] != event["seq"]:
            raise BatchRefused(409, "one event id comes with two sequence numbers")
    seqs = [e["seq"] for e in by_id.values()]
    if len(set(seqs)) != len(seqs):
        raise BatchRefused(409, "one sequence number comes with two event ids")
    with connection.cursor() as cursor:
        # The (point, seq) index finds every stored event the batch could repeat.
        cursor.execute(
            "SELECT id, seq FROM records_receivedevent"
            " WHERE point_id = %s AND seq BETWEEN %s AND %s",
            [point.pk, min(seqs), max(seqs)],
        )
        stored = {str(row_id): seq for row_id, seq in cursor.fetchall()}
    stored_seqs = set(stored.values())
    fresh = []
    for event_id, event in by_id.items():
        if event_id in stored:
            if stored[event_id] != event["seq"]:
                raise BatchRefused(409, "an event id was stored before with another number")
        elif event["seq"] in stored_seqs:
            raise BatchRefused(409, "a sequence number was stored before with another event")
        else:
            fresh.append(event)
    fresh.sort(key=lambda e: e["seq"])
    return fresh


def _advance(stream: PointStream, seqs: list[int], now: datetime) -> None:
    """Move the stream past the new sequence numbers: a jump opens a gap, an old number
    closes (part of) one."""
    gaps = list(SequenceGap.objects.filter(point_id=stream.point_id))
    changed = False
    for seq in seqs:
        if seq > stream.highest_seq:
            if seq > stream.highest_seq + 1:
                gaps.append(
                    SequenceGap(
                        point_id=stream.point_id,
                        first_seq=stream.highest_seq + 1,
                        last_seq=seq - 1,
                        detected_at=now,
                    )
                )
                changed = True
            stream.highest_seq = seq
        else:
            gaps = _fill(gaps, seq)
            changed = True
    if changed:
        SequenceGap.objects.filter(point_id=stream.point_id).delete()
        for gap in gaps:
            gap.pk = None
        SequenceGap.objects.bulk_create(gaps)
    gaps.sort(key=lambda g: g.first_seq)
    stream.contiguous_seq = gaps[0].first_seq - 1 if gaps else stream.highest_seq
    stream.received += len(seqs)
    stream.last_received_at = now
    stream.save()


def _fill(gaps: list[SequenceGap], seq: int) -> list[SequenceGap]:
    result = []
    for gap in gaps:
        if not gap.first_seq <= seq <= gap.last_seq:
            result.append(gap)
            continue
        for first, last in ((gap.first_seq, seq - 1), (seq + 1, gap.last_seq)):
            if first <= last:
                result.append(
                    SequenceGap(
                        point_id=gap.point_id,
                        first_seq=first,
                        last_seq=last,
                        detected_at=gap.detected_at,
                    )
                )
    return result


def received_ids(point: Point) -> set[str]:
    return {str(i) for i in ReceivedEvent.objects.filter(point=point).values_list("id", flat=True)}


@dataclass(frozen=True)
class LinkState:
    """What the provider knows of a point's link: how far its events have come, the holes,
    and what its last heartbeat said."""

    received: int
    last_received_at: datetime | None
    contiguous_seq: int
    gaps: list[tuple[int, int]]
    software_version: str
    stations_in_use: int | None
    last_heartbeat_at: datetime | None


def link_state(point: Point) -> LinkState:
    stream = PointStream.objects.filter(point=point).first()
    beat = Heartbeat.objects.filter(point=point).order_by("-at").first()
    gaps = list(SequenceGap.objects.filter(point=point).values_list("first_seq", "last_seq")[:20])
    return LinkState(
        received=stream.received if stream else 0,
        last_received_at=stream.last_received_at if stream else None,
        contiguous_seq=stream.contiguous_seq if stream else 0,
        gaps=gaps,
        software_version=beat.software_version if beat else "",
        stations_in_use=beat.stations_in_use if beat else None,
        last_heartbeat_at=beat.at if beat else None,
    )
