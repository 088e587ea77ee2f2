"""Every second, in the server's own process: applies the policies to running sessions and
writes the stations' heartbeats to the database."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

from netpoint.sessions import services
from netpoint.stations import services as stations

log = logging.getLogger(__name__)


class PolicyRunner(threading.Thread):
    def __init__(self, interval: float | None = None):
        super().__init__(name="policy-runner", daemon=True)
        self.interval = interval or settings.NETPOINT_RUNNER_INTERVAL_SECONDS
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                for session in services.enforce():
                    log.info("session %s ended: %s", session.pk, session.end_reason)
                stations.record_heartbeats()
            except Exception:
                # One bad tick must not stop enforcement; the next tick tries again.
                log.exception("policy runner tick failed")
            finally:
                close_old_connections()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
