"""How long records are kept: pure functions of the clock and the settings (REQUIREMENTS B.3)."""

from datetime import datetime, timedelta


def cutoff(now: datetime, days: int) -> datetime:
    """Records older than this are past their retention and must go."""
    if days < 1:
        raise ValueError("a retention period is at least one day")
    return now - timedelta(days=days)


def partition_expired(upper_bound: datetime, cutoff_at: datetime) -> bool:
    """A time partition may be dropped whole once everything it can hold is past the cutoff."""
    return upper_bound <= cutoff_at
