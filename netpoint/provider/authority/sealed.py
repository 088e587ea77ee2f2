"""Written requests name the persons in their scope by blind indexes only
(netpoint.common.sealing.registry): a new index key cannot recompute them."""

from netpoint.common.core import clock
from netpoint.common.sealing.registry import KeyedHashes
from netpoint.provider.authority.models import WrittenRequest


def _in_force(field: str):
    def rows():
        return (
            WrittenRequest.objects.exclude(status=WrittenRequest.Status.REJECTED)
            .filter(valid_until__gt=clock.now())
            .exclude(**{field: []})
        )

    return rows


KEYED_HASHES = [
    KeyedHashes(
        "authority.WrittenRequest",
        field,
        f"written requests in force naming persons by {what}: register their scope again, "
        "or searches within it find nobody",
        left=_in_force(field),
    )
    for field, what in (("id_indexes", "ID number"), ("phone_indexes", "phone number"))
]
