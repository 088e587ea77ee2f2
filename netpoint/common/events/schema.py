"""The events a point sends its provider: one versioned schema for both roles.

Each event has a time-ordered UUID (version 7) and the point's own sequence number, so a resend
is recognised by its id and a missing event shows as a gap in the sequence.
"""

import ipaddress
import os
import re
import time
import uuid
from datetime import UTC, date, datetime

VERSION = 1
CANONICAL_UUID7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def _local_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**62


def _money(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**62


def _text(limit: int):
    def check(value) -> bool:
        return isinstance(value, str) and len(value) <= limit and "\0" not in value

    return check


def _optional(check):
    return lambda value: value is None or check(value)


# RFC 3339 as PostgreSQL's COPY reads it, which receives these strings as they are: Python's
# fromisoformat alone also takes ISO week dates ("2026-W49-7"), a tab or any one character
# between date and time, times without seconds and non-ASCII digits. Offsets within ±14:00,
# the widest any zone uses (PostgreSQL refuses some that Python takes).
_DAY = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
RFC3339_DAY = re.compile(_DAY)
RFC3339_INSTANT = re.compile(
    _DAY
    + r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])"
)


def _instant(value) -> bool:
    if not (isinstance(value, str) and RFC3339_INSTANT.fullmatch(value)):
        return False
    try:
        # Also in range once read as UTC (year 1 or 9999 with an offset is not).
        return datetime.fromisoformat(value).astimezone(UTC).year >= 1
    except (ValueError, OverflowError):
        return False


def _day(value) -> bool:
    if not (isinstance(value, str) and RFC3339_DAY.fullmatch(value)):
        return False
    try:
        return bool(date.fromisoformat(value))
    except ValueError:  # 2026-02-30
        return False


SERVICES = frozenset(("web", "email", "chat", "file_transfer", "game", "other"))
MAX_ACCESS_ENTRIES = 5000


def _access_entry(entry) -> bool:
    """[session, minute, service, destination, port, count]: one row of the access log."""
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and _local_id(entry[0])
        and _instant(entry[1])
        and entry[2] in SERVICES
        and _text(255)(entry[3])
        and bool(entry[3])
        and isinstance(entry[4], int)
        and not isinstance(entry[4], bool)
        and 0 <= entry[4] < 65536
        and _local_id(entry[5])
    )


def _access_entries(value) -> bool:
    return (
        isinstance(value, list)
        and 0 < len(value) <= MAX_ACCESS_ENTRIES
        and all(_access_entry(entry) for entry in value)
    )


MAX_PAUSES = 500


def _pause(value) -> bool:
    """[paused_at, resumed_at or null]: one pause of a session by the cashier."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and _instant(value[0])
        and (value[1] is None or _instant(value[1]))
    )


def _pauses(value) -> bool:
    return isinstance(value, list) and len(value) <= MAX_PAUSES and all(map(_pause, value))


MAX_MOVES = 500


def _station_since(value) -> bool:
    """[station, since]: a station a session was at, from that moment."""
    return (
        isinstance(value, list) and len(value) == 2 and _text(40)(value[0]) and _instant(value[1])
    )


def _stations(value) -> bool:
    """The first at the session's start, then one per move: at least the start and a move."""
    return (
        isinstance(value, list) and 2 <= len(value) <= MAX_MOVES and all(map(_station_since, value))
    )


def _address(value) -> bool:
    try:
        return isinstance(value, str) and len(value) <= 45 and bool(ipaddress.ip_address(value))
    except ValueError:
        return False


def _unattributed_entry(entry) -> bool:
    """[address, station or null, minute, service, destination, port, count]: lines from an
    address no session held, with the station whose address it was, and no person."""
    return (
        isinstance(entry, list)
        and len(entry) == 7
        and _address(entry[0])
        and _optional(_text(50))(entry[1])
        and _access_entry([1, *entry[2:]])
    )


def _unattributed_entries(value) -> bool:
    return (
        isinstance(value, list)
        and 0 < len(value) <= MAX_ACCESS_ENTRIES
        and all(_unattributed_entry(entry) for entry in value)
    )


_PERSON = {
    "person": _local_id,
    "full_name": _text(200),
    "date_of_birth": _day,
    "gender": _text(10),
    "id_type": _text(20),
    "id_number": _text(20),
    "id_issued_on": _optional(_day),
    "id_issued_by": _text(200),
    "address": _text(300),
    "phone": _text(16),
    "guardian": _optional(_local_id),
    "guardian_relation": _text(40),
}

# What each kind of event carries in its data, and the check each value must pass. Every
# field is required (null where the check allows it), so both roles read the same shape.
FIELDS: dict[str, dict] = {
    "person.registered": _PERSON,
    "person.updated": _PERSON,
    "session.started": {
        "session": _local_id,
        "person": _local_id,
        "station": _text(40),
        "kind": _text(10),
        "started_at": _instant,
    },
    "session.ended": {
        "session": _local_id,
        "started_at": _instant,
        "ended_at": _instant,
        "end_reason": _text(20),
        "charge": _money,
    },
    # Every pause of a session so far, sent whole on each pause, resume and paused ending: the
    # time paused is not played (a minor's daily limit counts only play).
    "session.pauses": {"session": _local_id, "started_at": _instant, "pauses": _pauses},
    # Every station of a moved session, [[station, since], …] from its start, sent whole on
    # each move: who used a station at a moment is asked of where the session was then.
    "session.moved": {"session": _local_id, "started_at": _instant, "stations": _stations},
    # A minor's session whose minutes at the provider's other points the point could not confirm
    # at check-in (the provider was out of reach): its monitoring checks the day afterwards.
    "session.minutes_unconfirmed": {"session": _local_id, "started_at": _instant},
    "station.registered": {"station": _local_id, "name": _text(40), "mac": _optional(_text(17))},
    # Many access records to an event, so the access log does not flood the outbox.
    "access.batch": {"entries": _access_entries},
    # The same for lines from an address no session held: evidence of a bypassed lock.
    "access.unattributed": {"entries": _unattributed_entries},
    # A free station whose agent had been talking went quiet without saying goodbye: its lock
    # may have been killed. Sent once per silence.
    "station.silent": {"station": _text(50), "last_seen": _instant, "noticed_at": _instant},
    "point.heartbeat": {
        "software_version": _text(40),
        "software_hash": _text(64),
        "stations_in_use": _money,
        "stations_total": _money,
    },
}
REQUIRED: dict[str, frozenset[str]] = {kind: frozenset(f) for kind, f in FIELDS.items()}


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
    raw_id = event.get("id")
    if not (isinstance(raw_id, str) and CANONICAL_UUID7.fullmatch(raw_id)):
        try:
            parsed = uuid.UUID(str(raw_id))
            found.append(
                "id is not a version 7 UUID"
                if parsed.version != 7
                else "id is not a UUID in its canonical form"
            )
        except ValueError:
            found.append("id is not a UUID")
    if event.get("v") != VERSION:
        found.append(f"unknown schema version {str(event.get('v'))[:20]!r}")
    kind = event.get("kind")
    if kind not in REQUIRED:
        found.append(f"unknown kind {str(kind)[:40]!r}")
    seq = event.get("seq")
    if not _local_id(seq):
        found.append("seq must be a positive integer")
    if not _instant(event.get("at")):
        found.append("at is not an RFC 3339 time with its offset")
    data = event.get("data")
    if not isinstance(data, dict):
        found.append("data must be an object")
    elif kind in REQUIRED:
        if not REQUIRED[kind] <= data.keys():
            found.append(f"data lacks {', '.join(sorted(REQUIRED[kind] - data.keys()))}")
        wrong = [k for k, check in FIELDS[kind].items() if k in data and not check(data[k])]
        if wrong:
            found.append(f"data has bad {', '.join(sorted(wrong))}")
    return found
