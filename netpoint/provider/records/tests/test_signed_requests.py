"""Points cannot write as each other; replayed, expired, tampered or malformed requests are
refused and store nothing."""

import gzip
import json
from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.common.events import signing
from netpoint.provider.records.models import ReceivedEvent
from netpoint.provider.records.tests.conftest import EVENTS_PATH, signed_post
from netpoint.provider.registry import services as registry

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


def raw_post(client, body, headers):
    return client.post(EVENTS_PATH, data=body, content_type="application/json", headers=headers)


def test_an_unsigned_request_is_refused(client, hanoi):
    answer = client.post(EVENTS_PATH, data=b"{}", content_type="application/json")
    assert answer.status_code == 401
    assert "không được ký" in answer.json()["message"]


def test_a_point_cannot_sign_as_another(client, hanoi, enroll_point):
    _other, other_key = enroll_point("HCM-0001")
    answer = signed_post(client, "HN-0001", other_key, [hanoi[2].person(1)])[0]
    assert answer.status_code == 401
    assert not ReceivedEvent.objects.exists()


def test_a_replayed_request_is_refused(client, hanoi):
    first, headers, body = signed_post(client, "HN-0001", hanoi[1], [hanoi[2].person(1)])
    assert first.status_code == 200
    again = raw_post(client, body, headers)
    assert again.status_code == 401
    assert "replay" in again.json()["message"]


def test_a_tampered_body_is_refused(client, hanoi):
    _answer, headers, _body = signed_post(
        client, "HN-0001", hanoi[1], [hanoi[2].person(1)], **{"X-Netpoint-Point": "nobody"}
    )
    body = gzip.compress(json.dumps({"events": [hanoi[2].person(2)]}).encode())
    headers["X-Netpoint-Point"] = "HN-0001"
    headers["X-Netpoint-Nonce"] = "ab" * 16
    assert raw_post(client, body, headers).status_code == 401
    assert not ReceivedEvent.objects.exists()


def test_a_request_is_judged_by_the_wall_clock_whatever_the_business_clock_says(client, hanoi):
    with clock_module.use(FakeClock(datetime.now(UTC) + timedelta(days=200))):
        answer = signed_post(client, "HN-0001", hanoi[1], [hanoi[2].person(1)])[0]
    assert answer.status_code == 200


@pytest.mark.parametrize("skew", [timedelta(minutes=-6), timedelta(minutes=6)])
def test_a_request_outside_the_clock_window_is_refused(client, hanoi, skew):
    body = gzip.compress(json.dumps({"events": [hanoi[2].person(1)]}).encode())
    signed_at = (datetime.now(UTC) + skew).timestamp()
    headers = signing.sign(hanoi[1], "HN-0001", "POST", EVENTS_PATH, body, now=signed_at)
    answer = raw_post(client, body, headers | {"Content-Encoding": "gzip"})
    assert answer.status_code == 401
    assert "clock" in answer.json()["message"]


def test_a_key_replaced_by_a_new_enrollment_no_longer_signs(client, hanoi):
    point, old_key, events = hanoi
    new_key = signing.new_private_key()
    registry.enroll(registry.issue_enrollment_code(point), signing.public_key_of(new_key))
    assert signed_post(client, point.code, old_key, [events.person(1)])[0].status_code == 401
    assert signed_post(client, point.code, new_key, [events.person(1)])[0].status_code == 200


def test_an_inactive_point_is_refused(client, hanoi):
    point, key, events = hanoi
    point.active = False
    point.save()
    assert signed_post(client, point.code, key, [events.person(1)])[0].status_code == 401


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Netpoint-Timestamp": "yesterday"}, "timestamp"),
        # Digits to str.isdigit(), not to int(): once a 500.
        ({"X-Netpoint-Timestamp": "²"}, "timestamp"),
        ({"X-Netpoint-Timestamp": "17²"}, "timestamp"),
        ({"X-Netpoint-Timestamp": "1" * 13}, "timestamp"),
        ({"X-Netpoint-Nonce": "short"}, "nonce"),
        ({"X-Netpoint-Signature": "***"}, "base64"),
    ],
)
def test_malformed_signing_headers_are_named(client, hanoi, headers, expected):
    answer = signed_post(client, "HN-0001", hanoi[1], [hanoi[2].person(1)], **headers)[0]
    assert answer.status_code == 401
    assert expected in answer.json()["message"]


def signed(key, body, gzipped=True):
    headers = signing.sign(key, "HN-0001", "POST", EVENTS_PATH, body)
    return headers | ({"Content-Encoding": "gzip"} if gzipped else {})


@pytest.mark.parametrize(
    ("body", "gzipped", "status"),
    [
        (b"not gzip at all", True, 400),
        (gzip.compress(b"{not json"), True, 400),
        (gzip.compress(b'{"events": []}'), True, 422),
        (gzip.compress(b'{"events": "many"}'), True, 422),
        (gzip.compress(b"[1, 2]"), True, 422),
        (b'{"events": [{"id": 1}]}', False, 422),
        (gzip.compress(b'{"events": [' + b"[" * 100000 + b"]" * 100000 + b"]}"), True, 400),
    ],
)
def test_malformed_batches_get_a_clear_4xx(client, hanoi, body, gzipped, status):
    answer = raw_post(client, body, signed(hanoi[1], body, gzipped))
    assert answer.status_code == status
    assert answer.json()["message"]


def test_a_gzip_bomb_is_refused(client, hanoi, settings):
    settings.NETPOINT_PROVIDER = {"max_batch_bytes": 100_000}
    body = gzip.compress(b'{"events": ["' + b"a" * 1_000_000 + b'"]}')
    assert raw_post(client, body, signed(hanoi[1], body)).status_code == 413


def test_too_many_events_are_refused(client, hanoi, settings):
    settings.NETPOINT_PROVIDER = {"max_batch_events": 2}
    events = [hanoi[2].person(n) for n in (1, 2, 3)]
    assert signed_post(client, "HN-0001", hanoi[1], events)[0].status_code == 413


@pytest.mark.parametrize(
    "at",
    [
        "2026-03-10\t10:00:00+00:00",  # Python reads any one character between date and time
        "2026-W11-2T10:00:00+00:00",  # an ISO week date
        "2026-03-10T10:00:00",  # no offset
        "2026-03-10T10:00+00:00",  # no seconds
        "2026-03-10T10:00:00+20:00",  # an offset PostgreSQL refuses
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
        "２０２６-03-10T10:00:00+00:00",  # full-width digits
    ],
)
def test_a_batch_with_a_time_the_database_would_misread_is_refused_whole(client, hanoi, at):
    _point, key, events = hanoi
    person = events.person(1)
    started = events.started(1, 1)
    started["at"] = at
    answer = signed_post(client, "HN-0001", key, [person, started])[0]
    assert answer.status_code == 422
    assert "RFC 3339" in str(answer.json()["errors"])
    assert not ReceivedEvent.objects.exists()


def test_a_session_start_time_the_database_would_misread_is_refused(client, hanoi):
    _point, key, events = hanoi
    started = events.started(1, 1)
    started["data"]["started_at"] = started["data"]["started_at"].replace("T", "\t")
    answer = signed_post(client, "HN-0001", key, [events.person(1), started])[0]
    assert answer.status_code == 422
    assert "started_at" in str(answer.json()["errors"])
