import base64
import gzip
import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.events import signing
from netpoint.common.events.schema import envelope
from netpoint.common.identity.fake import fake_person, person_event_data
from netpoint.provider.registry import services as registry
from netpoint.provider.registry.models import Point

EVENTS_PATH = "/api/v1/events"
AT = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def enroll_point(provider_point):
    """A registered and enrolled point: (Point, its private key)."""

    def make(code: str = "HN-0001") -> tuple[Point, str]:
        point = provider_point(code)
        key = signing.new_private_key()
        registry.enroll(registry.issue_enrollment_code(point), signing.public_key_of(key))
        return point, key

    return make


@pytest.fixture
def hanoi(enroll_point):
    """An enrolled point and the events its outbox would send, numbered from 1."""
    point, key = enroll_point("HN-0001")
    return point, key, PointEvents(point.code, AT)


class PointEvents:
    """Events as a point's outbox would write them, numbered in order."""

    def __init__(self, point_code: str, at, seed: int = 1):
        self.point_code, self.at, self.seq = point_code, at, 0
        self.rng = random.Random(seed)

    def event(self, kind: str, data: dict) -> dict:
        self.seq += 1
        self.at += timedelta(seconds=1)
        return {"point": self.point_code, **envelope(kind, self.seq, data, self.at)}

    def person(self, local_id: int, person=None, guardian=None) -> dict:
        data = person_event_data(person or fake_person(self.rng), local_id, guardian)
        return self.event("person.registered", data)

    def started(self, session: int, person: int, station: str = "M01") -> dict:
        return self.event(
            "session.started",
            {
                "session": session,
                "person": person,
                "station": station,
                "kind": "walk_in",
                "started_at": (self.at + timedelta(seconds=1)).isoformat(),
            },
        )

    def ended(self, started: dict, charge: int = 6000) -> dict:
        return self.event(
            "session.ended",
            {
                "session": started["data"]["session"],
                "started_at": started["data"]["started_at"],
                "ended_at": (self.at + timedelta(hours=1)).isoformat(),
                "end_reason": "check_out",
                "charge": charge,
            },
        )


def signed_post(client, point_code: str, key: str, events: list, *, compress=True, **extra):
    body = json.dumps({"events": events}).encode()
    if compress:
        body = gzip.compress(body)
    headers = signing.sign(key, point_code, "POST", EVENTS_PATH, body)
    headers = {name: value for name, value in headers.items()}
    if compress:
        headers["Content-Encoding"] = "gzip"
    headers.update(extra)
    return (
        client.post(EVENTS_PATH, data=body, content_type="application/json", headers=headers),
        headers,
        body,
    )


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
