"""Keeps the café gateway's allow-list in step with the sessions, in the server's own process.

Every `interval_seconds` (or at once when a committed change wakes it): the allow-list wanted
now (one query), and only the difference with what the gateway was last given goes out. Every
`check_every_seconds` what the gateway holds is read back; when it differs, every
`reconcile_every_seconds`, at start and after any failure, the whole list is written in one
go, whatever the gateway holds (someone flushed it, it rebooted, a change was half-seen). While
the gateway cannot be reached the keeper tries again, waiting longer each time up to
`max_backoff_seconds`; nothing is queued, the next success writes the list of that moment.
"""

import logging
import threading
import time

from django.db import close_old_connections, connection

from netpoint.point.gate import services, signals
from netpoint.point.gate.allowlist import Entry, diff
from netpoint.point.gate.conf import conf
from netpoint.point.gate.drivers import Driver, DriverError

log = logging.getLogger(__name__)


class GateKeeper(threading.Thread):
    def __init__(self, driver: Driver, monotonic=time.monotonic):
        super().__init__(name="gate-keeper", daemon=True)
        self.driver = driver
        self.monotonic = monotonic
        self._stop_event = threading.Event()
        # What the gateway was last given; None: unknown, the next tick writes it whole.
        self.held: frozenset[Entry] | None = None
        self._reconciled_at = 0.0
        self._checked_at = 0.0
        self._backoff = 0.0

    def run(self) -> None:
        while not self._stop_event.is_set():
            signals.changed.clear()
            try:
                self.tick()
                self._backoff = 0.0
            except DriverError as failed:
                self._failed(str(failed))
            except Exception as failed:
                # A bug or a database hiccup must not stop the gate; it is tried again.
                log.exception("gate keeper tick failed")
                self._failed(type(failed).__name__)
            finally:
                close_old_connections()
            if self._backoff:
                self._stop_event.wait(self._backoff)
            else:
                signals.changed.wait(conf().interval_seconds)
        connection.close()  # this thread's own

    def _failed(self, error: str) -> None:
        self.held = None
        settings = conf()
        self._backoff = min(
            max(self._backoff * 2, settings.interval_seconds, 0.25), settings.max_backoff_seconds
        )
        services.record_failure(error)
        log.warning("gateway not in step (retry in %.1f s): %s", self._backoff, error)

    def tick(self) -> None:
        want = services.wanted()
        now = self.monotonic()
        settings = conf()
        whole = self.held is None or now - self._reconciled_at >= settings.reconcile_every_seconds
        if not whole and now - self._checked_at >= settings.check_every_seconds:
            self._checked_at = now
            whole = self.driver.read() != self.held
        if whole:
            self.driver.replace(want)
            self._reconciled_at = self._checked_at = now
        else:
            change = diff(want, self.held)
            if change:
                self.driver.apply(change.add, change.remove)
        self.held = want
        services.record_in_step(len(want))

    def stop(self) -> None:
        self._stop_event.set()
        signals.changed.set()
