"""The events a point sends its provider: one versioned schema for both roles.

Each event has a time-ordered UUID (version 7) and the point's own sequence number, so a resend
is recognised by its id and a missing event shows as a gap in the sequence.
"""

import os
import time
import uuid
from datetime import datetime

VERSION = 1

# What each kind of event must carry in its data.
REQUIRED: dict[str, frozenset[str]] = {
    "person.registered": frozenset(
        {"person", "full_name", "date_of_birth", "id_type", "id_number", "address"}
    ),
    "session.started": frozenset({"session", "person", "station", "kind", "started_at"}),
    "session.ended": frozenset({"session", "ended_at", "end_reason", "charge"}),
    "station.registered": frozenset({"station", "name"}),
}


def uuid7(unix_ms: int | None = None) -> uuid.UUID:
    """RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits."""
    unix_ms = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    value = (unix_ms & (2**48 - 1)) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # variant
    return uuid.UUID(int=value)


def envelope(kind: str, seq: int, data: dict, occurred_at: datetime) -> dict:
    return {
        "id": str(uuid7(int(occurred_at.timestamp() * 1000))),
        "v": VERSION,
        "kind": kind,
        "seq": seq,
        "at": occurred_at.isoformat(),
        "data": data,
    }


def problems(event: object) -> list[str]:
    """Everything wrong with an event, as the provider checks it on arrival."""
    if not isinstance(event, dict):
        return ["an event is a JSON object"]
    found = []
    try:
        if uuid.UUID(str(event.get("id"))).version != 7:
            found.append("id is not a version 7 UUID")
    except ValueError:
        found.append("id is not a UUID")
    if event.get("v") != VERSION:
        found.append(f"unknown schema version {event.get('v')!r}")
    kind = event.get("kind")
    if kind not in REQUIRED:
        found.append(f"unknown kind {kind!r}")
    seq = event.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        found.append("seq must be a positive integer")
    try:
        datetime.fromisoformat(str(event.get("at")))
    except ValueError:
        found.append("at is not an ISO 8601 time")
    data = event.get("data")
    if not isinstance(data, dict):
        found.append("data must be an object")
    elif kind in REQUIRED:
        missing = sorted(REQUIRED[kind] - data.keys())
        if missing:
            found.append(f"data lacks {', '.join(missing)}")
    return found
