"""What the provider does with its registry: enrolling points and checking their requests."""

import hashlib
import secrets
import time
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.core.policy import local_tz
from netpoint.common.events import signing
from netpoint.provider.registry.conf import conf
from netpoint.provider.registry.licences import LicenceState, licence_state
from netpoint.provider.registry.models import (
    EnrollmentCode,
    Point,
    PointKey,
    ProvinceRule,
    SeenNonce,
)

# No 0/O, 1/I/L: codes are read out over the phone and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class EnrollmentRefused(ValueError):
    pass


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").upper().encode()).hexdigest()


def issue_enrollment_code(point: Point, user=None) -> str:
    """A new one-time code for the point's server; earlier unused codes stop working."""
    now = clock.now()
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    with transaction.atomic():
        EnrollmentCode.objects.filter(point=point, used_at__isnull=True).update(expires_at=now)
        EnrollmentCode.objects.create(
            point=point,
            code_hash=_hash(raw),
            created_at=now,
            expires_at=now + timedelta(hours=conf().enrollment_code_hours),
            created_by=user,
        )
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@transaction.atomic
def enroll(code: str, public_key: bytes, software_version: str = "") -> Point:
    """Exchange a code for the point's own credential: its public key, from now on the only
    one it signs with."""
    now = clock.now()
    entry = (
        EnrollmentCode.objects.select_for_update()
        .select_related("point")
        .filter(code_hash=_hash(code))
        .first()
    )
    if entry is None or entry.used_at is not None or entry.expires_at <= now:
        raise EnrollmentRefused("the enrollment code is unknown, used or expired")
    if not entry.point.active:
        raise EnrollmentRefused("the point is not active")
    if len(public_key) != 32:
        raise EnrollmentRefused("the public key must be 32 bytes of Ed25519")
    entry.used_at = now
    entry.save(update_fields=["used_at"])
    PointKey.objects.filter(point=entry.point, revoked_at__isnull=True).update(revoked_at=now)
    PointKey.objects.create(
        point=entry.point,
        public_key=public_key,
        software_version=software_version[:40],
        created_at=now,
    )
    return entry.point


def authenticate(headers, method: str, path: str, body: bytes) -> Point:
    """The point that signed this request, or SignatureRefused. A nonce is used once."""
    signed = signing.read_headers(headers)
    key = (
        PointKey.objects.select_related("point")
        .filter(point__code=signed.point, point__active=True, revoked_at__isnull=True)
        .first()
    )
    if key is None:
        raise signing.SignatureRefused("the point is not enrolled")
    now = clock.now()
    window = conf().clock_window_seconds
    # Freshness by the wall clock, as the point signs (netpoint.point.uplink.services).
    signing.verify(
        bytes(key.public_key), signed, method, path, body, now=time.time(), window=window
    )
    try:
        with transaction.atomic():
            SeenNonce.objects.create(point=key.point, nonce=signed.nonce, seen_at=now)
    except IntegrityError:
        raise signing.SignatureRefused("the request was already received (replay)") from None
    return key.point


def forget_old_nonces() -> int:
    """Nonces older than the clock window can go: their requests would be refused anyway."""
    window = conf().clock_window_seconds
    cutoff = clock.now() - timedelta(seconds=2 * window)
    deleted, _ = SeenNonce.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


def _today() -> date:
    return clock.now().astimezone(local_tz()).date()


def licence_of(point: Point) -> LicenceState:
    return licence_state(point.licence_expires_on, _today(), conf().licence_warning_days)


def with_licence(points, state: str):
    """The points whose licence is in that state, as a query, so filters see every point."""
    today = _today()
    last_warned = today + timedelta(days=conf().licence_warning_days)
    conditions = {
        "none": {"licence_expires_on__isnull": True},
        "expired": {"licence_expires_on__lt": today},
        "expiring": {"licence_expires_on__range": (today, last_warned)},
        "ok": {"licence_expires_on__gt": last_warned},
    }
    return points.filter(**conditions[state])


def licence_warnings() -> list[tuple[Point, LicenceState]]:
    """Active points whose licence has expired or expires within the warning period."""
    active = Point.objects.filter(active=True)
    flagged = with_licence(active, "expired") | with_licence(active, "expiring")
    flagged = flagged.order_by("licence_expires_on", "code")
    return [(point, licence_of(point)) for point in flagged]


def enrolled_key(point: Point) -> PointKey | None:
    return point.keys.filter(revoked_at__isnull=True).first()


def set_minors_across_points(point: Point, value: bool | None) -> Point:
    """Whether a minor's minutes count across points at this point (None: as its province or
    the provider says); the new policy goes to the point with its next sync."""
    point.minors_across_points = value
    point.save(update_fields=["minors_across_points", "policy_changed_at"])
    return point


def save_province_rule(values: dict) -> ProvinceRule:
    """A province's own rule for a type of point, made or replaced."""
    rule, _created = ProvinceRule.objects.update_or_create(
        province_code=values["province_code"],
        point_type=values["point_type"],
        defaults={
            "opens": values.get("opens"),
            "closes": values.get("closes"),
            "minors_across_points": values.get("minors_across_points"),
            "source": values.get("source", ""),
        },
    )
    return rule


def create_points(forms: list, user) -> list[Point]:
    """The points of a bulk import (registry.imports), every form already valid: all of them
    or, on any failure, none (one transaction); audited once with how many."""
    with transaction.atomic():
        points = [form.save() for form in forms]
        audit.record(
            "points_imported",
            user=user,
            target=points[0].enterprise.tax_code if points else "",
            detail={"count": len(points), "codes": [p.code for p in points][:50]},
        )
    return points
