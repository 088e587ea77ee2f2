"""The provider's retention of public Wi-Fi records (NETPOINT_RETENTION_DAYS), run by the daily
retention job (its door: netpoint.provider.records.retention) with the same proof of what went.

A session goes once its last sign of life (its Stop, else its last Interim-Update, else its
Start) is past the cutoff; a NAS that never sent a Stop does not keep it forever. A verified
person goes once their verification has run out and none of their sessions is left (by their
login, or by their devices' MACs), so every session still kept can still be traced to a phone.
A record of consent at the portal goes at the users' cutoff once no verified person with that
phone is left: it proves consent to processing that has then ended."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from netpoint.provider.modules.wifi.models import (
    GatewayEvent,
    PortalConsent,
    RadAcct,
    WifiDevice,
    WifiUser,
)
from netpoint.provider.records.models import Deletion
from netpoint.provider.records.retention import Step, cutoff_of

SESSIONS, EVENTS, USERS = "wifi_sessions", "wifi_gateway_events", "wifi_users"
# Not a NETPOINT_RETENTION_DAYS key: consents go at the users' cutoff.
CONSENTS = "wifi_consents"


def run(now) -> list[Deletion]:
    deletions = []
    cutoff = cutoff_of(SESSIONS, now)
    last_seen = (
        Q(acctstoptime__lt=cutoff)
        | Q(acctstoptime__isnull=True, acctupdatetime__lt=cutoff)
        | Q(acctstoptime__isnull=True, acctupdatetime__isnull=True, acctstarttime__lt=cutoff)
    )
    deletions.append(_delete(SESSIONS, RadAcct.objects.filter(last_seen), cutoff, now))
    cutoff = cutoff_of(EVENTS, now)
    events = GatewayEvent.objects.filter(received_at__lt=cutoff)
    deletions.append(_delete(EVENTS, events, cutoff, now))
    cutoff = cutoff_of(USERS, now)
    sessions = RadAcct.objects.filter(username=OuterRef("login"))
    # A device's MAC-authenticated sessions are traced to the phone through its user too.
    by_mac = RadAcct.objects.filter(
        callingstationid__in=WifiDevice.objects.filter(user=OuterRef(OuterRef("pk"))).values("mac")
    )
    users = (
        WifiUser.objects.filter(verified_until__lt=cutoff)
        .exclude(Exists(sessions))
        .exclude(Exists(by_mac))
    )
    deletions.append(_delete(USERS, users, cutoff, now))
    consents = PortalConsent.objects.filter(consented_at__lt=cutoff).exclude(
        Exists(WifiUser.objects.filter(phone_index=OuterRef("phone_index")))
    )
    deletions.append(_delete(CONSENTS, consents, cutoff, now))
    return deletions


def _delete(kind: str, rows, cutoff, now) -> Deletion:
    """One transaction with its proof; the count is of `kind`'s own rows (a person's devices
    go with them but are not counted)."""
    with transaction.atomic():
        _total, per_model = rows.delete()
        count = per_model.get(rows.model._meta.label, 0)
        return Deletion.objects.create(
            kind=kind, cutoff=cutoff, count=count, method="delete", detail="", ran_at=now
        )


STEPS = [Step((SESSIONS, EVENTS, USERS, CONSENTS), run)]
