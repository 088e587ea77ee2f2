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
