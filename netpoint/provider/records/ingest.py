"""The records' own kinds of event, taken in through the ingest door
(netpoint.provider.records.rows): people, stations, sessions and heartbeats.

Sessions that start and end in the same batch become one row; endings of sessions from earlier
batches are updates.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection

from netpoint.provider.records import people
from netpoint.provider.records.copytext import NULL, copy_lines, text
from netpoint.provider.records.rows import Handler, Unmatched
from netpoint.provider.registry.models import Point


@dataclass(slots=True)
class SessionRow:
    """A session of the batch as its COPY line will hold it (text, NULL where not known): ended
    in the same batch, it is stored once, whole."""

    person: int  # the point's id of the person; the provider's is looked up when written
    station: str
    kind: str
    started_at: str
    ended_at: str = NULL
    end_reason: str = ""
    charge: str = NULL

    def line(self, point_pk: str, local_id: int, person_id: int) -> str:
        return (
            f"{point_pk}\t{local_id}\t{person_id}\t{self.station}\t{self.kind}\t"
            f"{self.started_at}\t{self.ended_at}\t{self.end_reason}\t{self.charge}\n"
        )


@dataclass
class RecordRows:
    people: list[str] = field(default_factory=list)
    guardians: bool = False
    stations: list[tuple[dict, datetime]] = field(default_factory=list)
    sessions: dict[int, SessionRow] = field(default_factory=dict)
    endings: list[dict] = field(default_factory=list)
    pauses: list[dict] = field(default_factory=list)
    moves: list[dict] = field(default_factory=list)
    unconfirmed: list[dict] = field(default_factory=list)
    heartbeats: list[str] = field(default_factory=list)


def prepare(point: Point, events: list[dict]) -> RecordRows:
    found = RecordRows()
    registrations = []
    pk = str(point.pk)
    for event in events:
        kind, data = event["kind"], event["data"]
        if kind == "session.started":
            found.sessions[data["session"]] = SessionRow(
                data["person"], text(data["station"]), text(data["kind"]), data["started_at"]
            )
        elif kind == "session.ended":
            started = found.sessions.get(data["session"])
            if started:
                started.ended_at = data["ended_at"]
                started.end_reason = text(data["end_reason"])
                started.charge = str(data["charge"])
            else:
                found.endings.append(data)
        elif kind == "session.pauses":
            found.pauses.append(data)  # written after the batch's sessions, in order
        elif kind == "session.moved":
            found.moves.append(data)  # likewise
        elif kind == "session.minutes_unconfirmed":
            found.unconfirmed.append(data)  # likewise
        elif kind in ("person.registered", "person.updated"):
            registrations.append((data, datetime.fromisoformat(event["at"])))
        elif kind == "station.registered":
            found.stations.append((data, datetime.fromisoformat(event["at"])))
        elif kind == "point.heartbeat":
            found.heartbeats.append(
                f"{pk}\t{event['at']}\t{text(data['software_version'])}\t"
                f"{text(data['software_hash'])}\t{data['stations_in_use']}\t"
                f"{data['stations_total']}\n"
            )
    if registrations:
        found.people, found.guardians = people.arrival_lines(registrations)
    return found


def write(point: Point, found: RecordRows) -> None:
    pk = str(point.pk)
    if found.people:
        people.remember(point, found.people, found.guardians)
    if found.stations:
        people.stations(point, found.stations)
    with connection.cursor() as cursor:
        if found.sessions:
            named = {row.person for row in found.sessions.values()}
            person_ids = people.person_ids(point, named)
            if len(person_ids) != len(named):
                raise Unmatched("a session names a person the point has not sent")
            # People with sessions are seen: retention keeps them.
            cursor.execute(
                "UPDATE records_person SET last_seen_at = GREATEST(last_seen_at, %s)"
                " WHERE id = ANY(%s)",
                [max(row.started_at for row in found.sessions.values()), list(person_ids.values())],
            )
            copy_lines(
                cursor,
                "records_sessionrecord (point_id, local_id, person_id, station, kind,"
                " started_at, ended_at, end_reason, charge)",
                (
                    row.line(pk, local_id, person_ids[row.person])
                    for local_id, row in found.sessions.items()
                ),
            )
        if found.endings:
            _end_sessions(cursor, point, found.endings)
        if found.pauses:
            _pause_sessions(cursor, point, found.pauses)
        if found.moves:
            _move_sessions(cursor, point, found.moves)
        if found.unconfirmed:
            _mark_unconfirmed(cursor, point, found.unconfirmed)
        if found.heartbeats:
            copy_lines(
                cursor,
                "records_heartbeat (point_id, at, software_version, software_hash,"
                " stations_in_use, stations_total)",
                found.heartbeats,
            )


def _end_sessions(cursor, point: Point, endings: list[dict]) -> None:
    cursor.executemany(
        "UPDATE records_sessionrecord SET ended_at = %s, end_reason = %s, charge = %s"
        " WHERE point_id = %s AND local_id = %s AND started_at = %s",
        [
            (d["ended_at"], d["end_reason"], d["charge"], point.pk, d["session"], d["started_at"])
            for d in endings
        ],
    )
    if cursor.rowcount != len(endings):
        raise Unmatched("a session ends that the point has not sent as started")


def _pause_sessions(cursor, point: Point, pauses: list[dict]) -> None:
    """Each event holds all of a session's pauses so far: the last one written wins."""
    cursor.executemany(
        "UPDATE records_sessionrecord SET pauses = CAST(%s AS jsonb)"
        " WHERE point_id = %s AND local_id = %s AND started_at = %s",
        [(json.dumps(d["pauses"]), point.pk, d["session"], d["started_at"]) for d in pauses],
    )
    if cursor.rowcount != len(pauses):
        raise Unmatched("a session is paused that the point has not sent as started")


def _move_sessions(cursor, point: Point, moves: list[dict]) -> None:
    """Each event holds all of a session's stations so far, and the list only grows: a longer
    (later) list wins, so a replayed or late earlier one changes nothing. The session's
    station becomes the last, where it is now. Only the sending point's own sessions."""
    cursor.executemany(
        "UPDATE records_sessionrecord SET moved = TRUE,"
        " stations = CASE WHEN stations IS NULL"
        "  OR jsonb_array_length(stations) <= jsonb_array_length(CAST(%s AS jsonb))"
        "  THEN CAST(%s AS jsonb) ELSE stations END,"
        " station = CASE WHEN stations IS NULL"
        "  OR jsonb_array_length(stations) <= jsonb_array_length(CAST(%s AS jsonb))"
        "  THEN %s ELSE station END"
        " WHERE point_id = %s AND local_id = %s AND started_at = %s",
        [
            (listed, listed, listed, d["stations"][-1][0], point.pk, d["session"], d["started_at"])
            for d in moves
            for listed in [json.dumps(d["stations"])]
        ],
    )
    if cursor.rowcount != len(moves):
        raise Unmatched("a session is moved that the point has not sent as started")


def _mark_unconfirmed(cursor, point: Point, marks: list[dict]) -> None:
    """Sessions whose minors' minutes elsewhere the point could not confirm at check-in."""
    cursor.executemany(
        "UPDATE records_sessionrecord SET minutes_unconfirmed = TRUE"
        " WHERE point_id = %s AND local_id = %s AND started_at = %s",
        [(point.pk, d["session"], d["started_at"]) for d in marks],
    )
    if cursor.rowcount != len(marks):
        raise Unmatched("a session is marked that the point has not sent as started")


KINDS = {
    "person.registered",
    "person.updated",
    "station.registered",
    "session.started",
    "session.ended",
    "session.pauses",
    "session.moved",
    "session.minutes_unconfirmed",
    "point.heartbeat",
}
HANDLERS = [Handler(kinds=frozenset(KINDS), prepare=prepare, write=write)]
