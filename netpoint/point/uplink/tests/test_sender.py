import gzip
import json
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.events.schema import problems
from netpoint.common.identity.fake import fake_person
from netpoint.point.customers import services as customers
from netpoint.point.outbox import services as outbox
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services as sessions
from netpoint.point.uplink import services
from netpoint.point.uplink.sender import retry_delay


@given(st.integers(1, 200), st.floats(0, 0.999))
def test_the_retry_delay_doubles_up_to_the_cap_with_jitter(failures, draw):
    delay = retry_delay(failures, 1.0, 60.0, draw)
    base = min(60.0, 2.0 ** (failures - 1))
    assert base / 2 <= delay <= base
    assert retry_delay(failures + 1, 1.0, 60.0, draw) >= delay


def test_no_failure_no_delay():
    assert retry_delay(0, 1.0, 60.0, 0.5) == 0


def register(cashier, seed=1, born=date(1990, 2, 2), **extra):
    """A generated person registered by the cashier; `extra`: more fields (a guardian)."""
    person = fake_person(random.Random(seed), date_of_birth=born)
    return customers.register_customer(
        {
            "full_name": person.full_name,
            "date_of_birth": person.date_of_birth,
            "gender": person.gender,
            "id_type": "cccd",
            "id_number": person.cccd,
            "address": person.address,
            "phone": person.phone,
            **extra,
        },
        cashier,
    )


@pytest.mark.django_db
def test_a_batch_carries_the_stored_events_stamped_with_the_point(clock, cafe, cashier):
    customer = register(cashier)
    session = sessions.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
    clock.advance(timedelta(minutes=30))
    sessions.check_out(session, cashier)
    stored = [outbox.opened(e.envelope) for e in OutboxEvent.objects.order_by("seq")]
    texts = [json.dumps(e) for e in stored]
    batch = json.loads(gzip.decompress(services.batch_body("HN-0001", texts)))
    assert [e["point"] for e in batch["events"]] == ["HN-0001"] * len(stored)
    assert [{k: v for k, v in e.items() if k != "point"} for e in batch["events"]] == stored
    assert all(problems(e) == [] for e in batch["events"])


@pytest.mark.django_db
def test_the_sync_state_counts_what_waits(clock, cafe, cashier):
    register(cashier)
    state = services.sync_state()
    assert (state.enrolled, state.queued) == (False, 1)


@pytest.mark.django_db
def test_a_heartbeat_names_the_software_and_the_stations_in_use(clock, cafe, cashier):
    sessions.check_in(station=cafe["m1"], customer=register(cashier), kind="walk_in")
    services.emit_heartbeat()
    beat = OutboxEvent.objects.get(kind="point.heartbeat").envelope
    assert problems(beat) == []
    assert beat["data"]["stations_in_use"] == 1 and beat["data"]["stations_total"] == 2
    assert len(beat["data"]["software_hash"]) == 64


def test_the_code_hash_changes_with_any_file(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("ignored")
    before = services.code_hash(tmp_path)
    (tmp_path / "notes.txt").write_text("still ignored")
    assert services.code_hash(tmp_path) == before
    (tmp_path / "a.py").write_text("x = 2\n")
    assert services.code_hash(tmp_path) != before


@pytest.mark.django_db
def test_the_cashier_sees_the_sync_state_on_the_grid(client, cafe, cashier):
    register(cashier)
    client.force_login(cashier)
    page = client.get("/stations/grid/").content.decode()
    assert "Chưa kết nối máy chủ doanh nghiệp: 1 sự kiện chờ gửi." in page


@pytest.mark.django_db
def test_the_cashier_sees_the_last_send_error(client, clock, cafe, cashier):
    from netpoint.point.uplink.models import ProviderLink

    register(cashier)
    ProviderLink.objects.create(
        provider_url="https://icafe.example.vn",
        point_code="HN-0001",
        private_key="unused-in-this-test",
        enrolled_at=clock.now(),
        last_error="provider unreachable: timed out",
        last_error_at=clock.now(),
    )
    client.force_login(cashier)
    page = client.get("/").content.decode()
    assert "Đồng bộ: 1 sự kiện chờ gửi" in page
    assert "lỗi lúc 10:00:00: provider unreachable: timed out" in page


@pytest.mark.django_db
def test_acknowledged_events_leave_the_outbox_after_the_keeping_period(clock, cafe, cashier):
    from netpoint.point.uplink.models import ProviderLink

    register(cashier, seed=1)
    clock.advance(timedelta(days=31))
    register(cashier, seed=2)
    link = ProviderLink.objects.create(
        provider_url="https://icafe.example.vn",
        point_code="HN-0001",
        private_key="unused-in-this-test",
        enrolled_at=clock.now(),
        sent_through_seq=1,
    )
    assert services.prune_sent(link) == 1
    link.sent_through_seq = 2
    assert services.prune_sent(link) == 0  # acknowledged, but not old enough yet
    assert list(OutboxEvent.objects.values_list("seq", flat=True)) == [2]


@pytest.mark.django_db
def test_a_batch_of_large_events_stays_within_its_byte_limit(clock, settings):
    from django.db import transaction

    from netpoint.point.outbox import services as outbox
    from netpoint.point.uplink.conf import conf
    from netpoint.point.uplink.models import ProviderLink

    entries = [[1, clock.now().isoformat(), "web", f"site{n}.vn", 443, 1] for n in range(2000)]
    with transaction.atomic():
        for _ in range(5):
            outbox.emit("access.batch", {"entries": entries})
    one = len(services._queued_batch(0, 1)[0][1].encode()) + 40
    settings.NETPOINT_UPLINK = {"batch_bytes": 2 * one + one // 2}
    link = ProviderLink(point_code="HN-0001")
    first, last, body = services._prepared(link, 0, 10000)
    assert (first, last) == (1, 2)
    assert len(gzip.decompress(body)) <= conf().batch_bytes
    assert services._prepared(link, last, 10000)[:2] == (3, 4)
    settings.NETPOINT_UPLINK = {"batch_bytes": 10}
    assert services._prepared(link, 4, 10000)[:2] == (5, 5)  # one event always goes
