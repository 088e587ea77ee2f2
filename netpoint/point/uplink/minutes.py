"""A minor's minutes today at the provider's other points, asked of the provider where the
policy counts them across points: at check-in, then every few minutes while they play.

The point names the person by its own customer id, never by an ID number; the provider finds
them by its blind index. The provider's last answer for the day is kept (ElsewhereMinutes), so
when it cannot be reached the point goes on with what it knew, and a check-in it could not
confirm is marked on the session.
"""

import json
import logging
from datetime import date, datetime, timedelta

from netpoint.common.core import clock
from netpoint.common.core.policy import limits, local_tz
from netpoint.common.events import signing
from netpoint.common.policies.age import is_minor
from netpoint.point.sessions.models import Session
from netpoint.point.uplink import services
from netpoint.point.uplink.conf import conf
from netpoint.point.uplink.models import ElsewhereMinutes
from netpoint.point.uplink.policy import in_force

MINUTES_PATH = "/api/v1/minutes"
log = logging.getLogger(__name__)


def _ask(customer_id: int, now: datetime) -> int | None:
    """The provider's count for today, or None (not reachable, refused, or the person not
    known to it yet)."""
    current = services.link()
    if current is None:
        return None
    body = json.dumps({"person": customer_id, "at": now.isoformat()}).encode()
    headers = signing.sign(current.private_key, current.point_code, "POST", MINUTES_PATH, body)
    headers["Content-Type"] = "application/json"
    try:
        answer = services.post(
            current.provider_url + MINUTES_PATH, body, headers, conf().minutes_timeout_seconds
        )
    except services.SendFailed as failure:
        log.warning("the provider did not say a minor's minutes: %s", failure)
        return None
    seconds = answer.get("seconds") if isinstance(answer, dict) else None
    if not answer.get("known") or not isinstance(seconds, int) or seconds < 0:
        return None
    return seconds


def confirm(customer_id: int, now: datetime) -> int | None:
    """Ask the provider now and keep its answer; None when it could not say. The person's
    registration is sent first if it is still queued, or the provider would not know them."""
    current = services.link()
    if current is None:
        return None
    seconds = _ask(customer_id, now)
    if seconds is None and services.sync_state().queued:
        try:
            services.drain(current)
        except services.SendFailed:
            return None
        seconds = _ask(customer_id, now)
    if seconds is not None:
        ElsewhereMinutes.objects.update_or_create(
            customer_id=customer_id,
            day=now.astimezone(local_tz()).date(),
            defaults={"seconds": seconds, "asked_at": now},
        )
    return seconds


def known(customer_ids, day: date) -> dict[int, int]:
    """The last answers for `day`, by customer id (missing: none)."""
    if not in_force().minors_across_points:
        return {}
    rows = ElsewhereMinutes.objects.filter(customer_id__in=customer_ids, day=day)
    return dict(rows.values_list("customer_id", "seconds"))


def refresh(now: datetime | None = None) -> int:
    """Ask again for every minor playing now whose last answer is older than the refresh
    interval; the number of answers. Run by the sender thread."""
    if not in_force().minors_across_points:
        return 0
    now = now or clock.now()
    today = now.astimezone(local_tz()).date()
    adult_age = limits().adult_age
    since = now - timedelta(seconds=conf().minutes_refresh_seconds)
    fresh = set(
        ElsewhereMinutes.objects.filter(day=today, asked_at__gte=since).values_list(
            "customer_id", flat=True
        )
    )
    playing = Session.objects.filter(ended_at__isnull=True).values_list(
        "customer_id", "customer__date_of_birth"
    )
    answered = 0
    for customer_id, born in playing:
        if customer_id in fresh or not is_minor(born, today, adult_age):
            continue
        if confirm(customer_id, now) is not None:
            answered += 1
    return answered
