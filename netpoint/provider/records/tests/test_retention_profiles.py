"""Retention profiles (NETPOINT_RETENTION): the ordinary 30 days, and the storage request of
Nghị định 53/2022/NĐ-CP Điều 27 that holds user data at least 24 months and system logs 12."""

from datetime import timedelta

import pytest

from netpoint.provider.records import retention
from netpoint.provider.records.models import Heartbeat, SessionRecord
from netpoint.provider.records.tests.test_retention import NOW, at_now, beat, person, session

pytestmark = pytest.mark.django_db
__all__ = ["at_now"]  # the clock fixture, used by every test here

MONTH = timedelta(days=30.5)


@pytest.fixture
def point(provider_point):
    return provider_point("HN-0001")


def storage_request(settings, received, ends=""):
    settings.NETPOINT_RETENTION = {
        "profile": "storage_request",
        "storage_request_received": f"{received:%Y-%m-%d}",
        "storage_request_ends": f"{ends:%Y-%m-%d}" if ends else "",
    }


def test_a_31_day_old_session_is_removed_under_the_default_profile(point):
    session(point, person(1, NOW - timedelta(days=31)), NOW - timedelta(days=31))
    retention.run()
    assert not SessionRecord.objects.exists()


def test_a_25_month_old_session_survives_a_storage_request_in_force(point, settings):
    storage_request(settings, received=(NOW - 26 * MONTH).date())
    session(point, person(1, NOW - 25 * MONTH), NOW - 25 * MONTH)
    retention.run()
    assert SessionRecord.objects.count() == 1


def test_a_storage_request_keeps_a_31_day_old_session_it_found_held(point, settings):
    storage_request(settings, received=(NOW - timedelta(days=3)).date())
    session(point, person(1, NOW - timedelta(days=31)), NOW - timedelta(days=31))
    retention.run()
    assert SessionRecord.objects.count() == 1


def test_what_was_already_past_its_days_when_the_request_came_still_goes(point, settings):
    storage_request(settings, received=(NOW - 26 * MONTH).date())
    session(point, person(1, NOW - 28 * MONTH), NOW - 28 * MONTH)
    retention.run()
    assert not SessionRecord.objects.exists()


def test_once_the_request_ended_and_its_24_months_passed_the_ordinary_days_return(point, settings):
    storage_request(
        settings, received=(NOW - 25 * MONTH).date(), ends=(NOW - timedelta(days=10)).date()
    )
    session(point, person(1, NOW - 25 * MONTH), NOW - 25 * MONTH)
    retention.run()
    assert not SessionRecord.objects.exists()


def test_system_logs_are_kept_12_months_under_a_storage_request(point, settings):
    storage_request(settings, received=(NOW - timedelta(days=1)).date())
    beat(point, NOW - timedelta(days=300))
    beat(point, NOW - timedelta(days=400))
    deletions = retention.run()
    assert Heartbeat.objects.get().at == NOW - timedelta(days=300)
    assert {d.cutoff for d in deletions if d.kind == "heartbeats"} == {NOW - timedelta(days=366)}
