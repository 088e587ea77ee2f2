"""Every second, in the server's own process: ends the sessions whose policy moment has come,
writes the stations' heartbeats to the database and reads what every station is shown."""

import logging
import threading
from datetime import datetime, timedelta

from django.db import close_old_connections

from netpoint.common.core import clock
from netpoint.point.sessions import services
from netpoint.point.sessions.conf import conf
from netpoint.point.stations import live
from netpoint.point.stations import services as stations

log = logging.getLogger(__name__)

# Each running session's end moment is worked out once and kept; it is worked out again when it
# comes (a top-up may have moved it), when the session is paused or resumed, and for every session
# this often, so that a change of the point's opening hours reaches running sessions too.
FULL_CHECK = timedelta(seconds=30)


class PolicyRunner(threading.Thread):
    def __init__(self, interval: float | None = None):
        super().__init__(name="policy-runner", daemon=True)
        self.interval = interval or conf().runner_interval_seconds
        self._stop_event = threading.Event()
        self._ends_at: dict[int, datetime | None] = {}
        self._versions: dict[int, int] = {}
        self._checked_all_at: datetime | None = None
        # Silence is heard only from when this runner listens (a restart flags nobody).
        self._listening_since: datetime | None = None

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                for session in self.tick():
                    log.info("session %s ended: %s", session.pk, session.end_reason)
                stations.record_heartbeats()
                now = clock.now()
                self._listening_since = self._listening_since or now
                stations.watch_silences(now, self._listening_since)
                live.refresh_all(now)
            except Exception:
                # One bad tick must not stop enforcement; the next tick tries again.
                log.exception("policy runner tick failed")
                self._ends_at.clear()
                self._versions.clear()
            finally:
                close_old_connections()
            self._stop_event.wait(self.interval)

    def tick(self, now: datetime | None = None) -> list:
        now = now or clock.now()
        running = services.open_session_ids()  # id -> a number that a pause or resume changes
        for pk in self._ends_at.keys() - running.keys():
            del self._ends_at[pk]
            self._versions.pop(pk, None)
        if self._checked_all_at is None or now - self._checked_all_at >= FULL_CHECK:
            unknown, self._checked_all_at = set(running), now
        else:
            # A resume brings the end moment nearer again: worked out afresh at once.
            unknown = {
                pk
                for pk, version in running.items()
                if pk not in self._ends_at or self._versions.get(pk) != version
            }
        if unknown:
            for pk, ending in services.endings(now, unknown).items():
                self._ends_at[pk] = ending.at if ending else None
                self._versions[pk] = running[pk]
        due = [pk for pk, at in self._ends_at.items() if at is not None and at <= now]
        if not due:
            return []
        for pk in due:
            del self._ends_at[pk]  # ended now, or worked out afresh on the next tick
        return services.enforce(now, session_ids=due)

    def stop(self) -> None:
        self._stop_event.set()
