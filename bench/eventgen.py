"""Generated event streams for the ingest and catch-up benches: one point's outbox as it would
be after a busy period — people registering, then sessions starting and ending. Every person
is generated (netpoint.common.identity.fake), never real."""

import random
from datetime import UTC, datetime, timedelta

from netpoint.common.events.schema import envelope
from netpoint.common.identity.fake import fake_person, person_event_data

PEOPLE_SHARE = 0.1  # one event in ten registers a person; the rest start or end sessions


def point_events(count: int, seed: int = 1, start: datetime | None = None) -> list[dict]:
    rng = random.Random(seed)
    at = start or datetime.now(UTC) - timedelta(hours=2)
    step = timedelta(seconds=7200 / max(count, 1))
    events, people, open_sessions, session_id = [], 0, [], 0
    for seq in range(1, count + 1):
        at += step
        if people == 0 or rng.random() < PEOPLE_SHARE:
            people += 1
            kind, data = "person.registered", person_event_data(fake_person(rng), people)
        elif open_sessions and (len(open_sessions) >= 20 or rng.random() < 0.5):
            local, started = open_sessions.pop(rng.randrange(len(open_sessions)))
            kind, data = (
                "session.ended",
                {
                    "session": local,
                    "started_at": started,
                    "ended_at": at.isoformat(),
                    "end_reason": "check_out",
                    "charge": rng.randrange(1000, 30000),
                },
            )
        else:
            session_id += 1
            open_sessions.append((session_id, at.isoformat()))
            kind, data = (
                "session.started",
                {
                    "session": session_id,
                    "person": rng.randint(1, people),
                    "station": f"M{rng.randint(1, 40):02d}",
                    "kind": "walk_in",
                    "started_at": at.isoformat(),
                },
            )
        events.append(envelope(kind, seq, data, at))
    return events
