"""The provider's policy at the point: taken from the answers to the point's batches, verified
with the provider's key, and applied in place of the profile's own values.

The point's category, province and hours are the provider's to set (a game point must not
call itself an internet point to escape the closing hours): once a verified policy is held,
the profile's values are only the owner's wish, shown beside it where they differ. A policy
whose signature fails, that names another point, or that is older than the one held is
refused and the held one stays. Until the first policy arrives the point runs on its profile,
shown to the owner as not confirmed by the provider.
"""

import base64
import time
from dataclasses import dataclass, replace

from django.db import transaction

from netpoint.common.core import clock
from netpoint.common.core.conf import conf as policy_conf
from netpoint.common.core.policy import limits as core_limits
from netpoint.common.core.policy import opening_hours
from netpoint.common.events.policy import PolicyRefused, document_key, verify
from netpoint.common.policies.hours import OpeningHours
from netpoint.common.policies.provided import LocalWish, PointPolicy, conflicts, verdict
from netpoint.common.policies.session import Limits
from netpoint.point.profile.models import PointProfile
from netpoint.point.uplink.models import ProviderLink, ProviderPolicy


@dataclass(frozen=True)
class InForce:
    """What the point applies now."""

    point_type: str
    hours: OpeningHours | None
    minors_across_points: bool
    minor_daily_minutes: int
    policy: PointPolicy | None  # None: no policy from the provider yet (not confirmed)

    @property
    def confirmed(self) -> bool:
        return self.policy is not None


@dataclass(frozen=True)
class Outcome:
    taken: bool
    refusal: str = ""  # "" when taken or when it was the policy already held


def held_row() -> ProviderPolicy | None:
    return ProviderPolicy.objects.first()


def held_policy() -> PointPolicy | None:
    row = held_row()
    return PointPolicy.from_json(row.document["policy"]) if row else None


def take(link: ProviderLink, document) -> Outcome:
    """Verify and keep a policy document from the provider's answer."""
    now = clock.now()
    with transaction.atomic():
        link = ProviderLink.objects.select_for_update().get(pk=link.pk)
        held = ProviderPolicy.objects.select_for_update().first()
        try:
            key = document_key(document)
            pinned = base64.b64decode(link.provider_key) if link.provider_key else None
            if pinned is not None and key != pinned:
                raise PolicyRefused("the policy is signed with another key than the provider's")
            verified = verify(key, document)
        except PolicyRefused as refused:
            return _refused(held, str(refused), now)
        decision = verdict(verified.policy, link.point_code, held.version if held else None)
        if not decision.take:
            if decision.refusal == "same":
                return Outcome(False)
            return _refused(held, f"the policy is {decision.refusal.replace('_', ' ')}", now)
        if pinned is None:  # enrolled before policies: the first key seen is the provider's
            link.provider_key = base64.b64encode(key).decode()
            link.save(update_fields=["provider_key"])
        ProviderPolicy.objects.all().delete()
        ProviderPolicy.objects.create(
            document=document, version=verified.policy.version, received_at=now
        )
    forget()
    return Outcome(True)


def _refused(held: ProviderPolicy | None, why: str, now) -> Outcome:
    if held is not None:
        held.last_refusal, held.last_refused_at = why[:200], now
        held.save(update_fields=["last_refusal", "last_refused_at"])
    return Outcome(False, why)


def _in_force() -> InForce:
    policy = held_policy()
    law = policy_conf()
    if policy is None:
        profile = PointProfile.current()
        return InForce(
            point_type=profile.point_type,
            hours=opening_hours(profile.point_type, profile.province_code),
            minors_across_points=False,
            minor_daily_minutes=law.minor_daily_minutes,
            policy=None,
        )
    return InForce(
        point_type=policy.point_type,
        hours=policy.hours,
        minors_across_points=policy.minors_across_points,
        minor_daily_minutes=policy.minor_daily_minutes,
        policy=policy,
    )


# Read on every station poll and runner check: kept a few seconds, dropped when a policy comes.
CACHE_SECONDS = 5.0
_cached: list = [None, 0.0]


def in_force() -> InForce:
    value, at = _cached
    if value is None or time.monotonic() - at > CACHE_SECONDS:
        value = _in_force()
        _cached[:] = [value, time.monotonic()]
    return value


def limits() -> Limits:
    """The law's limits for this point's sessions, with a minor's minutes a day as the
    provider's policy says once one is held (the point's own setting till then)."""
    return replace(core_limits(), minor_daily_seconds=in_force().minor_daily_minutes * 60)


def forget() -> None:
    _cached[:] = [None, 0.0]


def wish_conflicts(policy: PointPolicy):
    profile = PointProfile.current()
    return conflicts(policy, LocalWish(profile.point_type, profile.province_code))
