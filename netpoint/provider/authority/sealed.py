"""Written requests name the persons in their scope by blind indexes for searching
(netpoint.common.sealing.registry): a new index key cannot recompute them. The numbers
themselves are kept sealed for the approving officer only (scope_sealed)."""

from netpoint.common.core import clock
from netpoint.common.sealing.registry import KeyedHashes, SealedColumn
from netpoint.provider.authority.models import WrittenRequest

SCOPE_COLUMN = "authority_writtenrequest.scope_sealed"


def _in_force(field: str):
    def rows():
        return (
            WrittenRequest.objects.exclude(status=WrittenRequest.Status.REJECTED)
            .filter(valid_until__gt=clock.now())
            .exclude(**{field: []})
        )

    return rows


SEALED = [SealedColumn("authority.WrittenRequest", "scope_sealed", SCOPE_COLUMN)]
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
