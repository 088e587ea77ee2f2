"""Writing events to the outbox, inside the caller's transaction."""

import json

from django.db import connection

from netpoint.common.core import clock
from netpoint.common.events.schema import envelope
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.point.outbox.models import OutboxCounter, OutboxEvent

# The associated data of values sealed inside stored envelopes.
SEALED_COLUMN = "outbox_outboxevent.envelope"
# The stored envelope's list of the data keys sealed in it; gone from the envelope sent.
SEALED_KEYS = "sealed"


def emit(kind: str, data: dict, sealed: tuple[str, ...] = ()) -> OutboxEvent:
    """Queue the event; the values of `sealed` (keys of `data`: ID and phone numbers) are kept
    sealed until the event leaves, so the database file never holds them in plain text."""
    if not connection.in_atomic_block:
        raise RuntimeError("events are written in the transaction of the record they describe")
    counter, _created = OutboxCounter.objects.select_for_update().get_or_create(pk=1)
    counter.last_seq += 1
    counter.save(update_fields=["last_seq"])
    now = clock.now()
    event = envelope(kind, counter.last_seq, data, now)
    stored = event
    if sealed:
        ring = key_ring()
        stored = event | {
            "data": data | {key: seal(data[key], SEALED_COLUMN, ring) for key in sealed},
            SEALED_KEYS: list(sealed),
        }
    return OutboxEvent.objects.create(
        id=event["id"], seq=counter.last_seq, kind=kind, envelope=stored, created_at=now
    )


def opened(stored: dict) -> dict:
    """The envelope as it is sent: its sealed values opened."""
    keys = stored.get(SEALED_KEYS)
    if not isinstance(keys, list):
        return stored
    ring = key_ring()
    data = stored["data"]
    event = {name: value for name, value in stored.items() if name != SEALED_KEYS}
    return event | {"data": data | {key: unseal(data[key], SEALED_COLUMN, ring) for key in keys}}


def opened_text(text: str) -> str:
    """`opened` for an envelope read as JSON text: most have nothing sealed and stay as read."""
    if f'"{SEALED_KEYS}"' not in text:
        return text
    stored = json.loads(text)
    return json.dumps(opened(stored), ensure_ascii=False) if SEALED_KEYS in stored else text


def queued(sent_through_seq: int = 0):
    return OutboxEvent.objects.filter(seq__gt=sent_through_seq)


def prune(sent_through_seq: int, older_than) -> int:
    """Forget events the provider has acknowledged once they are older than `older_than`:
    the point's own records keep the facts; the outbox only has to carry them."""
    deleted, _ = OutboxEvent.objects.filter(
        seq__lte=sent_through_seq, created_at__lt=older_than
    ).delete()
    return deleted
