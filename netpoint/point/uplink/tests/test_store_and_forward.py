"""The point's sender against the provider's real HTTP endpoint (PostgreSQL only: the provider
role stores with PostgreSQL's COPY and arrays)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.point.uplink import services
from netpoint.point.uplink.tests.test_sender import register
from netpoint.provider.records.models import ReceivedEvent, SessionRecord
from netpoint.provider.registry import services as registry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the provider role runs on PostgreSQL"
    ),
]


@pytest.fixture
def provider(live_server, settings, clock, provider_point):
    """The provider's URLs on the live server; its registry holds this point."""
    settings.ROOT_URLCONF = "netpoint.provider.urls"
    return live_server.url, provider_point("HN-0042", name="Quán Net Thử Nghiệm")


def provider_ids(point) -> set[str]:
    return {str(i) for i in ReceivedEvent.objects.filter(point=point).values_list("id", flat=True)}


def outbox_ids() -> set[str]:
    return {str(i) for i in OutboxEvent.objects.values_list("id", flat=True)}


def test_enroll_then_every_committed_event_arrives_once(provider, cafe, cashier, capsys):
    url, point = provider
    call_command("enroll", url, registry.issue_enrollment_code(point))
    assert "HN-0042" in capsys.readouterr().out
    for seed, station in ((1, "m1"), (2, "m2")):
        session = sessions.check_in(
            station=cafe[station], customer=register(cashier, seed), kind="walk_in"
        )
        sessions.check_out(session, cashier)
    link = services.link()
    assert services.send_once(link, size=3) == 3  # part of it, then the rest
    call_command("sync")
    assert provider_ids(point) == outbox_ids() and len(outbox_ids()) == 6
    assert SessionRecord.objects.filter(point=point, ended_at__isnull=False).count() == 2
    state = services.sync_state()
    assert state.queued == 0 and state.last_sent_at is not None and state.last_error == ""


def test_a_lost_acknowledgement_sends_again_without_doubles(provider, cafe, cashier):
    url, point = provider
    services.enroll(url, registry.issue_enrollment_code(point))
    register(cashier)
    link = services.link()
    services.send_once(link)
    link.sent_through_seq = 0  # as if the answer never came back
    link.save()
    assert services.send_once(link) == 1
    assert ReceivedEvent.objects.filter(point=point).count() == 1


def test_an_unreachable_provider_leaves_everything_queued(provider, cafe, cashier):
    url, point = provider
    services.enroll(url, registry.issue_enrollment_code(point))
    register(cashier)
    link = services.link()
    link.provider_url = "http://127.0.0.1:9"  # discard port: nobody listens
    link.save()
    with pytest.raises(services.SendFailed):
        services.send_once(link)
    state = services.sync_state()
    assert state.queued == 1 and "unreachable" in state.last_error
    assert services.link().failures == 1
    link.provider_url = url
    link.save()
    assert services.send_once(link) == 1 and services.link().failures == 0


def test_a_refused_batch_stays_queued_with_the_providers_reason(provider, cafe, cashier):
    url, point = provider
    services.enroll(url, registry.issue_enrollment_code(point))
    register(cashier)
    point.active = False
    point.save()
    link = services.link()
    with pytest.raises(services.SendFailed):
        services.send_once(link)
    assert services.sync_state().last_error.startswith("401")
    assert services.sync_state().queued == 1


def test_a_wrong_enrollment_code_is_refused(provider):
    url, _point = provider
    with pytest.raises(services.EnrollmentFailed, match="Mã đăng ký không đúng"):
        services.enroll(url, "AAAA-BBBB-CCCC")
    assert services.link() is None


def test_the_sender_thread_sends_and_beats(provider, cafe, cashier, settings):
    import time

    from netpoint.point.uplink.sender import Sender

    url, point = provider
    services.enroll(url, registry.issue_enrollment_code(point))
    register(cashier)
    settings.NETPOINT_UPLINK = {"idle_seconds": 0.05}
    sender = Sender()
    sender.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and ReceivedEvent.objects.count() < 2:
        time.sleep(0.05)
    sender.stop()
    sender.join(5)
    assert sorted(ReceivedEvent.objects.values_list("kind", flat=True)) == [
        "person.registered",
        "point.heartbeat",
    ]
    assert point.heartbeat_set.get().software_version == services.software_version()
    assert timedelta(0) <= services.link().last_sent_at - services.link().enrolled_at
