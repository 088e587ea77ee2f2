"""Anti-spam's sealed columns and keyed hashes (netpoint.common.sealing.registry).

An opt-out request keeps its recipient sealed, so its index can be recomputed, and the
suppression it made follows; the rest hold only keyed hashes of the recipients.
"""

from django.db import connection
from django.db.models import Exists, OuterRef

from netpoint.common.sealing.crypto import blind_index
from netpoint.common.sealing.registry import KeyedHashes, SealedColumn
from netpoint.provider.modules.antispam import recipients
from netpoint.provider.modules.antispam.models import OptOutRequest, Suppression


def _recipient_index(normalised, request, ring):
    email = recipients.is_email_channel(request.channel)
    column = recipients.EMAIL_COLUMN if email else recipients.PHONE_COLUMN
    return blind_index(normalised, column, ring)


def _suppressions_follow(request, old: str, new: str) -> None:
    """The suppressions under the request's old index move to its new one; where one under
    the new index is there already (an opt-out since the key changed), the old one goes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM antispam_suppression o WHERE o.recipient = %s AND o.channel = %s"
            " AND EXISTS (SELECT 1 FROM antispam_suppression n WHERE n.recipient = %s"
            " AND n.channel = o.channel AND n.customer_id IS NOT DISTINCT FROM o.customer_id)",
            [old, request.channel, new],
        )
    Suppression.objects.filter(recipient=old, channel=request.channel).update(recipient=new)


def _suppressions_without_request():
    return Suppression.objects.exclude(
        Exists(
            OptOutRequest.objects.filter(
                recipient=OuterRef("recipient"), channel=OuterRef("channel")
            )
        )
    )


SEALED = [
    SealedColumn(
        "antispam.OptOutRequest",
        "recipient_sealed",
        recipients.SEALED_COLUMN,
        index="recipient",
        compute=_recipient_index,
        moved=_suppressions_follow,
    )
]

KEYED_HASHES = [
    KeyedHashes(
        "antispam.OptOutRequest",
        "recipient",
        "opt-out requests registered by index only: their index stays under the old key",
        left=lambda: OptOutRequest.objects.filter(recipient_sealed="").exclude(recipient=""),
    ),
    KeyedHashes(
        "antispam.Suppression",
        "recipient",
        "suppressions whose opt-out request is gone (deleted after its keeping time): enter "
        "those opt-outs again, or they no longer stop advertising",
        left=_suppressions_without_request,
    ),
    KeyedHashes(
        "antispam.DoNotCall",
        "recipient",
        "the Do-Not-Call list holds only keyed hashes: import the list again",
    ),
    KeyedHashes(
        "antispam.RegistrationSent",
        "recipient",
        "registration messages sent: a second one could go to these recipients",
    ),
    KeyedHashes(
        "antispam.RecentSends",
        "recipient",
        "recent sends: the 24-hour caps start again from zero for these recipients",
    ),
]
