"""Each point's policy as the provider decides it, and signed for the point.

The point's category, province and ward are the registry's (2025 codes); its hours are, in
order, the hours the registry sets for this point, its province's own rule for its type
(ProvinceRule), then the national table (NETPOINT_POLICY's opening_hours, which may also be
keyed by province code). Whether a minor's minutes count across every point: the point's
record, else its province's rule, else the provider's default (NETPOINT_PROVIDER). The policy
goes to the point, signed, with every answer to its signed batches (records.api). Its version
is the latest change of the point, of its province's rule, or of those national settings.
"""

import hashlib
import json
from datetime import timedelta

from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.conf import conf as policy_conf
from netpoint.common.events.policy import raw_public_key, signed_document
from netpoint.common.policies.hours import hours_for
from netpoint.common.policies.provided import PointPolicy
from netpoint.provider.registry.conf import conf
from netpoint.provider.registry.models import NationalPolicy, Point, ProvinceRule

# The fields of a point that its policy is made of: a change to any makes a new version.
POLICY_FIELDS = (
    "point_type",
    "province_code",
    "ward_code",
    "opening_hours",
    "minors_across_points",
)


def _hhmm(value) -> str:
    return value.strftime("%H:%M")


def _ms(instant) -> int:
    return int(instant.timestamp() * 1000)


def policy_of(
    point: Point, rule: ProvinceRule | None = None, read=False, national=None
) -> PointPolicy:
    """The point's policy now; `rule`: its province's rule for its type when `read` already;
    `national`: when the national settings last changed, if known."""
    if not read:
        rule = ProvinceRule.objects.filter(
            province_code=point.province_code, point_type=point.point_type
        ).first()
    changed = point.policy_changed_at or point.created_at
    national = national or national_changed_at()
    version = max(_ms(changed), _ms(rule.changed_at) if rule else 0, _ms(national))
    if point.opening_hours:
        hours, source = tuple(point.opening_hours), "point"
    elif rule is not None and rule.opens is not None and rule.closes is not None:
        hours, source = (_hhmm(rule.opens), _hhmm(rule.closes)), "province"
    else:
        national = hours_for(
            point.point_type, str(point.province_code), policy_conf().opening_hours
        )
        hours = (_hhmm(national.opens), _hhmm(national.closes)) if national else None
        source = "national"
    across = point.minors_across_points
    if across is None and rule is not None:
        across = rule.minors_across_points
    if across is None:
        across = conf().minors_across_points
    return PointPolicy(
        point=point.code,
        version=version,
        point_type=point.point_type,
        province_code=point.province_code,
        ward_code=point.ward_code,
        opening_hours=hours,
        hours_source=source,
        minors_across_points=across,
        minor_daily_minutes=policy_conf().minor_daily_minutes,
    )


def _national() -> str:
    """A fingerprint of the settings every point's policy takes from the provider's
    configuration rather than from its records."""
    settings = {
        "opening_hours": policy_conf().opening_hours,
        "minor_daily_minutes": policy_conf().minor_daily_minutes,
        "minors_across_points": conf().minors_across_points,
    }
    text = json.dumps(settings, sort_keys=True, default=list)
    return hashlib.sha256(text.encode()).hexdigest()


def national_changed_at():
    """When the national settings became what they are now: the first process that finds them
    changed dates the change, under a row lock, and every process then reads that date."""
    fingerprint = _national()
    row = NationalPolicy.objects.first()
    if row is not None and row.fingerprint == fingerprint:
        return row.changed_at
    with transaction.atomic():
        row = NationalPolicy.objects.select_for_update().first()
        if row is None:
            row = NationalPolicy.objects.create(fingerprint=fingerprint, changed_at=clock.now())
        elif row.fingerprint != fingerprint:
            row.fingerprint, row.changed_at = fingerprint, _after(row.changed_at)
            row.save()
    return row.changed_at


def policies_of(points) -> dict[int, PointPolicy]:
    """Many points' policies by point id, with the provinces' rules read once."""
    rules = {(r.province_code, r.point_type): r for r in ProvinceRule.objects.all()}
    national = national_changed_at()
    return {
        point.pk: policy_of(
            point, rules.get((point.province_code, point.point_type)), True, national
        )
        for point in points
    }


def signed_policy(point: Point) -> dict:
    """The point's policy signed with the provider's key (the one that signs its audit heads,
    kept outside the database)."""
    return signed_document(audit.signing_key(), policy_of(point))


def public_key() -> bytes:
    """The provider's key the points verify policies with (sent at enrollment)."""
    return raw_public_key(audit.signing_key())


@receiver(pre_save, sender=Point)
def _policy_changed(sender, instance: Point, raw=False, **kwargs):
    """However the point is edited (its form, the admin, an import), a change to what its
    policy is made of dates a new version."""
    if raw:
        return
    fields = (*POLICY_FIELDS, "policy_changed_at")
    before = Point.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None
    if before is None:
        instance.policy_changed_at = clock.now()
    elif any(before[f] != getattr(instance, f) for f in POLICY_FIELDS):
        instance.policy_changed_at = _after(before["policy_changed_at"])


def _after(previous):
    """Now, but later than `previous`: two changes within a millisecond are two versions."""
    now = clock.now()
    if previous is not None and now <= previous:
        return previous + timedelta(milliseconds=1)
    return now


@receiver(pre_save, sender=ProvinceRule)
def _rule_changed(sender, instance: ProvinceRule, raw=False, **kwargs):
    if not raw:
        previous = (
            ProvinceRule.objects.filter(pk=instance.pk).values_list("changed_at", flat=True).first()
            if instance.pk
            else None
        )
        instance.changed_at = _after(previous)
