"""Whether the station's screen is locked, from what the point server last said.

Pure: given the last answer, when it came (a monotonic clock, so changing the PC's clock does
not help) and the fail-closed setting, it decides. The point server is the source of truth; the
station only counts down from its last word while it cannot reach it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class LastWord:
    state: str  # "locked" or "unlocked", as the point server said
    seconds_left: int | None  # None: the session has no set end
    received_at: float  # time.monotonic() when it came


@dataclass(frozen=True)
class Screen:
    locked: bool
    reason: str  # "no_contact", "server", "time_up", "offline", "session"
    seconds_left: int | None = None


def screen(last: LastWord | None, now: float, fail_closed_after: float | None) -> Screen:
    """`fail_closed_after`: seconds without an answer before an unlocked station locks;
    None keeps it unlocked until its time runs out (fail-open, for a café that chooses so)."""
    if last is None:
        return Screen(True, "no_contact")
    if last.state != "unlocked":
        return Screen(True, "server")
    silent_for = now - last.received_at
    left = None if last.seconds_left is None else int(last.seconds_left - silent_for)
    if left is not None and left <= 0:
        return Screen(True, "time_up", 0)
    if fail_closed_after is not None and silent_for > fail_closed_after:
        return Screen(True, "offline", left)
    return Screen(False, "session", left)
