"""The one source of "now" for services and the policy runner.

Tests swap in a FakeClock so that closing time or a minor's limit can be reached without
waiting hours; production always reads the system clock.
"""

import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """Starts at a chosen instant; advances with real time when `running`, and on demand."""

    def __init__(self, start: datetime, running: bool = False):
        self._lock = threading.Lock()
        self._base = start
        self._since = time.monotonic()
        self.running = running

    def now(self) -> datetime:
        with self._lock:
            if not self.running:
                return self._base
            return self._base + timedelta(seconds=time.monotonic() - self._since)

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)

    def set(self, instant: datetime) -> None:
        with self._lock:
            self._base = instant
            self._since = time.monotonic()


_clock = SystemClock()


def now() -> datetime:
    return _clock.now()


@contextmanager
def use(clock):
    global _clock
    previous, _clock = _clock, clock
    try:
        yield clock
    finally:
        _clock = previous
