"""The provider's retention of NAT bindings (NETPOINT_RETENTION_DAYS["nat_bindings"]), run by
the daily retention job (its door: netpoint.provider.records.retention) with the same proof of
what went.

A binding goes once it ended before the cutoff; one still open is still in use and stays. A
port range with no binding left goes too."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from netpoint.provider.modules.nat.models import Binding, PortBlock
from netpoint.provider.records.models import Deletion
from netpoint.provider.records.retention import Step, cutoff_of

KIND = "nat_bindings"


def run(now) -> list[Deletion]:
    cutoff = cutoff_of(KIND, now)
    with transaction.atomic():
        count, _per_model = Binding.objects.filter(ended_at__lt=cutoff).delete()
        bindings = Binding.objects.filter(
            public_ip=OuterRef("public_ip"),
            port_first=OuterRef("port_first"),
            port_last=OuterRef("port_last"),
        )
        PortBlock.objects.exclude(Exists(bindings)).delete()
        return [
            Deletion.objects.create(
                kind=KIND, cutoff=cutoff, count=count, method="delete", detail="", ran_at=now
            )
        ]


STEPS = [Step((KIND,), run)]
