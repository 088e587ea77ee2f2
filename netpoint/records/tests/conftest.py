import base64
import gzip
import json
import random
from datetime import timedelta

import pytest

from netpoint.events import signing
from netpoint.events.schema import envelope
from netpoint.identity.fake import fake_person
from netpoint.registry import services as registry
from netpoint.registry.models import Enterprise, Point

EVENTS_PATH = "/api/v1/events"


@pytest.fixture
def enterprise(db):
    return Enterprise.objects.create(name="Công ty Thử Nghiệm", tax_code="0100000001")


@pytest.fixture
def enroll_point(enterprise):
    """A registered and enrolled point: (Point, its private key)."""

    def make(code: str = "HN-0001") -> tuple[Point, str]:
        point = Point.objects.create(
            enterprise=enterprise,
            code=code,
            name=f"Điểm {code}",
            point_type=Point.Type.GAME,
            owner_name="Chủ Thử Nghiệm",
            province_code=1,
            ward_code=4,
            street_address="1 Phố Thử",
        )
        key = signing.new_private_key()
        registry.enroll(registry.issue_enrollment_code(point), signing.public_key_of(key))
        return point, key

    return make


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
        person = person or fake_person(self.rng)
        return self.event(
            "person.registered",
            {
                "person": local_id,
                "full_name": person.full_name,
                "date_of_birth": person.date_of_birth.isoformat(),
                "gender": person.gender,
                "id_type": "cccd",
                "id_number": person.cccd,
                "id_issued_on": None,
                "id_issued_by": "",
                "address": person.address,
                "phone": person.phone,
                "guardian": guardian,
                "guardian_relation": "Mẹ" if guardian else "",
            },
        )

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
