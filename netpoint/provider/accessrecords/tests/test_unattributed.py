"""Lines from an address no session held, as a point sends them (`access.unattributed`): stored
centrally under the point that signed them, refused whole when malformed, kept as long as
access records."""

from datetime import UTC, datetime, timedelta

import pytest

from netpoint.provider.accessrecords.models import UnattributedAccess
from netpoint.provider.records import retention
from netpoint.provider.records.models import Deletion, ReceivedEvent
from netpoint.provider.records.tests.conftest import (  # noqa: F401
    AT,
    PointEvents,
    enroll_point,
    signed_post,
)

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]
MINUTE = AT.replace(second=0, microsecond=0).isoformat()


def entries(*rows):
    return {"entries": [list(row) for row in rows]}


def test_a_points_lines_without_a_session_are_stored_as_its_own(client, enroll_point):  # noqa: F811
    hanoi, key = enroll_point("HN-0001")
    enroll_point("HN-0002")
    events = PointEvents(hanoi.code, AT)
    sent = events.event(
        "access.unattributed",
        entries(
            ("192.168.1.22", "M02", MINUTE, "chat", "chat.zalo.me", 443, 7),
            ("192.168.1.77", None, MINUTE, "web", "tab\there.vn", 80, 2),
        ),
    )
    answer = signed_post(client, hanoi.code, key, [sent])[0]
    assert answer.status_code == 200, answer.json()
    stored = UnattributedAccess.objects.order_by("address")
    assert [(r.point, r.address, r.station, r.destination, r.count) for r in stored] == [
        (hanoi, "192.168.1.22", "M02", "chat.zalo.me", 7),
        (hanoi, "192.168.1.77", "", "tab\there.vn", 2),
    ]
    assert stored[0].minute == datetime.fromisoformat(MINUTE)


def test_a_bad_entry_refuses_the_whole_batch(client, enroll_point):  # noqa: F811
    hanoi, key = enroll_point("HN-0001")
    events = PointEvents(hanoi.code, AT)
    good = events.event(
        "access.unattributed", entries(("192.168.1.22", "M02", MINUTE, "chat", "zalo.me", 443, 1))
    )
    bad = events.event(
        "access.unattributed", entries(("M02", None, MINUTE, "chat", "zalo.me", 443, 1))
    )
    answer = signed_post(client, hanoi.code, key, [good, bad])[0]
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"index": 1, "problems": ["data has bad entries"]}]
    assert not UnattributedAccess.objects.exists() and not ReceivedEvent.objects.exists()


def test_a_point_cannot_send_lines_as_another_point(client, enroll_point):  # noqa: F811
    hanoi, key = enroll_point("HN-0001")
    enroll_point("HN-0002")
    other = PointEvents("HN-0002", AT)
    sent = other.event(
        "access.unattributed", entries(("192.168.1.22", "M02", MINUTE, "chat", "zalo.me", 443, 1))
    )
    answer = signed_post(client, hanoi.code, key, [sent])[0]
    assert answer.status_code == 422
    assert not UnattributedAccess.objects.exists()


def test_lines_without_a_session_past_thirty_days_go_with_proof(provider_point):
    now = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    point = provider_point()
    for days in (31, 29):
        UnattributedAccess.objects.create(
            point=point,
            address="192.168.1.22",
            station="M02",
            minute=now - timedelta(days=days),
            service="web",
            destination="vnexpress.net",
            port=443,
            count=3,
        )
    retention.run(now)
    assert UnattributedAccess.objects.count() == 1
    proof = Deletion.objects.get(kind="access_unattributed")
    assert proof.count == 1
