"""The two violations a point's stations give evidence of, from the point's signed events
through the job to the page the Sở reads: traffic with no session, and a free station whose
lock software fell silent."""

from datetime import UTC, datetime, timedelta

import pytest

from netpoint.provider.monitoring import services
from netpoint.provider.monitoring.models import StationSilence, Violation
from netpoint.provider.records.tests.conftest import (  # noqa: F401
    PointEvents,
    enroll_point,
    signed_post,
)

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


# Signed requests carry the real time, so these tests run on the real clock.
def now():
    return datetime.now(UTC)


def send(client, point, key, events):
    answer = signed_post(client, point.code, key, events)[0]
    assert answer.status_code == 200, answer.json()


def lines_without_a_session(events, start, minutes, per_minute=5, address="192.168.1.22"):
    entries = [
        [
            address,
            "M02",
            (start + timedelta(minutes=m)).isoformat(),
            "chat",
            "chat.zalo.me",
            443,
            per_minute,
        ]
        for m in range(minutes)
    ]
    return events.event("access.unattributed", {"entries": entries})


def test_traffic_without_a_session_is_a_violation_the_department_reads(
    client,
    enroll_point,  # noqa: F811
    department,
):
    point, key = enroll_point("HN-0001")
    events = PointEvents(point.code, now())
    start = now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    send(client, point, key, [lines_without_a_session(events, start, 10)])
    services.find_violations()
    [violation] = Violation.objects.filter(kind="no_session_access")
    assert violation.point == point and violation.occurred_at == start
    assert violation.evidence["lines"] == 50 and violation.evidence["station"] == "M02"

    client.force_login(department())
    listed = client.get("/giam-sat/vi-pham/").content.decode()
    assert "Truy cập Internet không có phiên sử dụng" in listed
    page = client.get(f"/giam-sat/vi-pham/{violation.pk}/").content.decode()
    assert "192.168.1.22" in page and "chat.zalo.me" in page and "M02" in page
    assert "Số lượt truy cập" in page


def test_the_job_finds_a_stretch_once_and_keeps_its_evidence_up_to_date(client, enroll_point):  # noqa: F811
    point, key = enroll_point("HN-0001")
    events = PointEvents(point.code, now())
    start = now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    send(client, point, key, [lines_without_a_session(events, start, 5)])
    services.find_violations()
    send(client, point, key, [lines_without_a_session(events, start + timedelta(minutes=5), 5)])
    services.find_violations()
    [violation] = Violation.objects.filter(kind="no_session_access")
    assert violation.evidence["lines"] == 50


def test_a_few_lookups_of_a_locked_station_are_no_violation(client, enroll_point):  # noqa: F811
    point, key = enroll_point("HN-0001")
    events = PointEvents(point.code, now())
    start = now() - timedelta(minutes=30)
    send(client, point, key, [lines_without_a_session(events, start, 3)])  # 15 lines
    services.find_violations()
    assert not Violation.objects.filter(kind="no_session_access").exists()


def test_a_silent_free_station_is_a_violation_the_department_reads(
    client,
    enroll_point,  # noqa: F811
    department,
):
    point, key = enroll_point("HN-0001")
    enroll_point("HN-0002")
    events = PointEvents(point.code, now())
    last = now() - timedelta(minutes=10)
    silent = events.event(
        "station.silent",
        {
            "station": "M07",
            "last_seen": last.isoformat(),
            "noticed_at": (last + timedelta(seconds=7)).isoformat(),
        },
    )
    send(client, point, key, [silent])
    assert list(StationSilence.objects.values_list("point__code", "station")) == [
        ("HN-0001", "M07")
    ]
    services.find_violations()
    services.find_violations()
    [violation] = Violation.objects.filter(kind="station_silent")
    assert violation.point == point and violation.evidence["station"] == "M07"

    client.force_login(department())
    page = client.get(f"/giam-sat/vi-pham/{violation.pk}/").content.decode()
    assert "Máy trạm mất kết nối khi không có phiên" in page
    assert "nghi vô hiệu hóa phần mềm khóa máy" in page and "M07" in page


def test_a_malformed_silence_is_refused_and_nothing_stored(client, enroll_point):  # noqa: F811
    point, key = enroll_point("HN-0001")
    events = PointEvents(point.code, now())
    bad = events.event(
        "station.silent", {"station": "M07", "last_seen": "hôm qua", "noticed_at": None}
    )
    answer = signed_post(client, point.code, key, [bad])[0]
    assert answer.status_code == 422
    assert not StationSilence.objects.exists()
