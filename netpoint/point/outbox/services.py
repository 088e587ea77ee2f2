"""Writing events to the outbox, inside the caller's transaction."""

from django.db import connection

from netpoint.common.core import clock
from netpoint.common.events.schema import envelope
from netpoint.point.outbox.models import OutboxCounter, OutboxEvent


def emit(kind: str, data: dict) -> OutboxEvent:
    if not connection.in_atomic_block:
        raise RuntimeError("events are written in the transaction of the record they describe")
    counter, _created = OutboxCounter.objects.select_for_update().get_or_create(pk=1)
    counter.last_seq += 1
    counter.save(update_fields=["last_seq"])
    now = clock.now()
    event = envelope(kind, counter.last_seq, data, now)
    return OutboxEvent.objects.create(
        id=event["id"], seq=counter.last_seq, kind=kind, envelope=event, created_at=now
    )


def queued(sent_through_seq: int = 0):
    return OutboxEvent.objects.filter(seq__gt=sent_through_seq)


def prune(sent_through_seq: int, older_than) -> int:
    """Forget events the provider has acknowledged once they are older than `older_than`:
    the point's own records keep the facts; the outbox only has to carry them."""
    deleted, _ = OutboxEvent.objects.filter(
        seq__lte=sent_through_seq, created_at__lt=older_than
    ).delete()
    return deleted
