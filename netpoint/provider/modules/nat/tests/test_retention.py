"""NAT bindings go once their retention has passed (REQUIREMENTS B.3), with proof."""

from datetime import UTC, datetime, timedelta

import pytest

from netpoint.provider.modules.nat import services as nat
from netpoint.provider.modules.nat.models import Binding, PortBlock
from netpoint.provider.records import retention
from netpoint.provider.records.models import Deletion

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=31)  # past the 30 days of NAT bindings
RECENT = NOW - timedelta(days=29)


@pytest.fixture(autouse=True)
def at_now(clock):
    clock.set(NOW)


def test_nat_bindings_go_once_ended_and_their_empty_ranges_with_them(hotspot):
    device = nat.register_device(hotspot, "Cổng NAT", "127.0.0.1")

    def binding(port_first, started, ended):
        PortBlock.objects.get_or_create(
            public_ip="203.0.113.7", port_first=port_first, port_last=port_first + 511
        )
        return Binding.objects.create(
            device=device,
            public_ip="203.0.113.7",
            port_first=port_first,
            port_last=port_first + 511,
            private_ip="10.0.0.5",
            started_at=started,
            ended_at=ended,
        )

    binding(1024, OLD - timedelta(hours=1), OLD)
    still_open = binding(2048, OLD - timedelta(days=5), None)
    ended_lately = binding(4096, OLD, RECENT)
    retention.run(NOW)
    assert set(Binding.objects.values_list("pk", flat=True)) == {still_open.pk, ended_lately.pk}
    assert set(PortBlock.objects.values_list("port_first", flat=True)) == {2048, 4096}
    assert Deletion.objects.get(kind="nat_bindings").count == 1


def test_the_retention_job_leaves_proof_even_with_nothing_due():
    deletions = retention.run(NOW)
    assert [(d.kind, d.method, d.count) for d in deletions if d.kind == "nat_bindings"] == [
        ("nat_bindings", "delete", 0)
    ]
