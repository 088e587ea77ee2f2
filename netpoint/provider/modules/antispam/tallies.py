"""The opt-out counts of section 4 of Mẫu số 1 and 2, per way of asking: counted from the
kept requests, or read from a closed period's frozen counts (services.frozen_optouts)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q

from netpoint.common.core.policy import local_tz
from netpoint.provider.modules.antispam.models import OptOutRequest

# The lines of the form's table, in its order, as the index in each via's counts.
LINES = (
    "Yêu cầu từ chối",
    "Xác nhận yêu cầu từ chối",
    "Yêu cầu từ chối đã được xử lý",
    "Yêu cầu từ chối không xử lý được do bất khả kháng.",
)


@dataclass
class OptOutTally:
    # via -> [received, confirmed, processed, not processable]
    counts: dict[str, list[int]] = field(default_factory=dict)
    # via -> the force-majeure reasons given
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def of(self, via: str) -> list[int]:
        return self.counts.get(via, [0] * len(LINES))

    def plus(self, other: "OptOutTally") -> "OptOutTally":
        vias = set(self.counts) | set(other.counts) | set(self.reasons) | set(other.reasons)
        return OptOutTally(
            {v: [a + b for a, b in zip(self.of(v), other.of(v), strict=True)] for v in vias},
            {v: sorted(set(self.reasons.get(v, [])) | set(other.reasons.get(v, []))) for v in vias},
        )


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The local days `start`..`end` as the instants they begin and end."""
    tz = local_tz()
    return (
        datetime.combine(start, time(), tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=tz),
    )


def requests_between(channel: str, start: date, end: date):
    low, high = bounds(start, end)
    return OptOutRequest.objects.filter(channel=channel, received_at__gte=low, received_at__lt=high)


def count(channel: str, start: date, end: date) -> OptOutTally:
    """Counted from the requests still kept."""
    found = requests_between(channel, start, end)
    rows = found.values("via").annotate(
        received=Count("id"),
        confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
        processed=Count("id", filter=Q(status=OptOutRequest.Status.PROCESSED)),
        failed=Count("id", filter=Q(status=OptOutRequest.Status.NOT_PROCESSABLE)),
    )
    tally = OptOutTally(
        {r["via"]: [r["received"], r["confirmed"], r["processed"], r["failed"]] for r in rows}
    )
    for via, reason in (
        found.filter(status=OptOutRequest.Status.NOT_PROCESSABLE)
        .values_list("via", "force_majeure")
        .distinct()
    ):
        tally.reasons.setdefault(via, []).append(reason)
    for reasons in tally.reasons.values():
        reasons.sort()
    return tally
