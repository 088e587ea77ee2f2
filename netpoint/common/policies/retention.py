"""How long records are kept: pure functions of the clock and the settings (REQUIREMENTS B.3)."""

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta


def cutoff(now: datetime, days: int) -> datetime:
    """Records older than this are past their retention and must go; one at it stays."""
    if days < 1:
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)


def cutoffs(now: datetime, days: Mapping[str, int]) -> dict[str, datetime]:
    """The cutoff of each kind of record, from its days of retention."""
    return {kind: cutoff(now, n) for kind, n in days.items()}


def expired_partitions(
    partitions: Iterable[tuple[str, datetime, datetime]], cutoff_at: datetime
) -> list[str]:
    """The partitions (name, start, end; end excluded) that may be dropped whole: everything
    they can hold is older than the cutoff. A partition the cutoff falls into is not one."""
    return [name for name, _start, end in partitions if end <= cutoff_at]


def held(
    now: datetime,
    cutoff_at: datetime,
    *,
    days: int,
    received: datetime,
    ends: datetime | None,
    minimum_days: int,
) -> datetime:
    """The cutoff of a kind kept `days` while a storage request holds it (Nghị định
    53/2022/NĐ-CP, Điều 27 khoản 1): from the request's receipt until it ends, and at least
    `minimum_days` after the receipt, what was still held when it came (younger than `days`
    then) and all since is kept, and nothing younger than `minimum_days` goes. Once it is over,
    `cutoff_at` again."""
    over = received + timedelta(days=minimum_days)
    if ends is not None and now >= max(over, ends):
        return cutoff_at
    return min(cutoff_at, received - timedelta(days=days), now - timedelta(days=minimum_days))
