"""Public Wi-Fi records go once their retention has passed (REQUIREMENTS B.3), with proof."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.provider.modules.wifi import services
from netpoint.provider.modules.wifi.models import (
    GatewayEvent,
    PortalConsent,
    RadAcct,
    WifiDevice,
    WifiUser,
)
from netpoint.provider.records import retention
from netpoint.provider.records.models import Deletion

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=31)  # past the 30 days of every Wi-Fi kind
RECENT = NOW - timedelta(days=29)


@pytest.fixture(autouse=True)
def at_now(clock):
    clock.set(NOW)


@pytest.fixture
def nas(hotspot):
    return services.register_nas(hotspot, "Bộ điều khiển", "127.0.0.1", "bi-mat-dung-chung-1234")


def radius_session(login: str, start, update=None, stop=None) -> RadAcct:
    return RadAcct.objects.create(
        acctsessionid=f"{login}-{start:%s}",
        acctuniqueid=f"{login}-{start:%s}",
        username=login,
        nasipaddress="127.0.0.1",
        acctstarttime=start,
        acctupdatetime=update,
        acctstoptime=stop,
    )


def verified(clock, when) -> WifiUser:
    clock.set(when)
    user, _password = services.verify_user(fake_person(random.Random(when.day)).phone)
    clock.set(NOW)
    return user


def test_sessions_go_from_their_last_sign_of_life(nas):
    radius_session("wfa", OLD - timedelta(hours=2), stop=OLD)
    kept = radius_session("wfb", OLD - timedelta(hours=2), stop=RECENT)
    radius_session("wfc", OLD - timedelta(hours=2), update=OLD)  # its Stop never came
    open_recent = radius_session("wfd", OLD, update=RECENT)
    radius_session("wfe", OLD)  # started, then nothing at all
    retention.run(NOW)
    assert set(RadAcct.objects.values_list("pk", flat=True)) == {kept.pk, open_recent.pk}
    proof = Deletion.objects.get(kind="wifi_sessions")
    assert (proof.count, proof.cutoff) == (3, NOW - timedelta(days=30))


def test_a_verified_person_goes_with_their_last_session_once_expired(clock, nas, settings):
    settings.NETPOINT_WIFI = {"verification_days": 1}
    gone = verified(clock, OLD - timedelta(days=3))
    WifiDevice.objects.create(user=gone, mac="02-00-00-00-00-01", authorized_until=OLD)
    radius_session(gone.login, OLD - timedelta(days=3), stop=OLD - timedelta(days=2))
    still_traced = verified(clock, OLD - timedelta(days=4))
    radius_session(still_traced.login, OLD, stop=RECENT)
    still_verified = verified(clock, NOW - timedelta(hours=1))
    retention.run(NOW)
    assert set(WifiUser.objects.values_list("pk", flat=True)) == {
        still_traced.pk,
        still_verified.pk,
    }
    assert not WifiDevice.objects.filter(mac="02-00-00-00-00-01").exists()
    assert Deletion.objects.get(kind="wifi_users").count == 1


def test_gateway_reports_go_after_their_retention(nas):
    for when in (OLD, RECENT):
        GatewayEvent.objects.create(nas=nas, event="client_auth", received_at=when)
    retention.run(NOW)
    assert list(GatewayEvent.objects.values_list("received_at", flat=True)) == [RECENT]
    assert Deletion.objects.get(kind="wifi_gateway_events").count == 1


def test_a_consent_goes_once_past_retention_and_its_person_is_gone(clock, nas):
    kept_person = verified(clock, NOW - timedelta(hours=1))
    for index, when in (("gone", OLD), ("recent", RECENT), (kept_person.phone_index, OLD)):
        PortalConsent.objects.create(nas=nas, phone_index=index, consented_at=when, version="v")
    retention.run(NOW)
    assert set(PortalConsent.objects.values_list("phone_index", flat=True)) == {
        "recent",
        kept_person.phone_index,
    }
    assert Deletion.objects.get(kind="wifi_consents").count == 1


def test_the_retention_job_leaves_proof_of_each_wifi_kind_even_with_nothing_due():
    deletions = retention.run(NOW)
    assert [(d.kind, d.method, d.count, d.cutoff) for d in deletions if "wifi" in d.kind] == [
        (kind, "delete", 0, NOW - timedelta(days=30))
        for kind in ("wifi_sessions", "wifi_gateway_events", "wifi_users", "wifi_consents")
    ]


def test_a_person_whose_device_still_has_mac_sessions_is_kept(clock, nas, settings):
    settings.NETPOINT_WIFI = {"verification_days": 1}
    owner = verified(clock, OLD - timedelta(days=4))
    WifiDevice.objects.create(user=owner, mac="02-00-00-00-00-02", authorized_until=OLD)
    session = radius_session("02:00:00:00:00:02", OLD, stop=RECENT)
    RadAcct.objects.filter(pk=session.pk).update(callingstationid="02-00-00-00-00-02")
    retention.run(NOW)
    assert WifiUser.objects.filter(pk=owner.pk).exists()
