"""The sender thread: sends the outbox while there is something to send, waits a little when
there is not, and backs off (with jitter, so a thousand points do not return at once) while
the provider cannot be reached."""

import logging
import random
import threading
import time

from django.db import close_old_connections, connection

from netpoint.point.uplink import minutes, services
from netpoint.point.uplink.conf import conf as uplink_conf

log = logging.getLogger(__name__)
PRUNE_EVERY_SECONDS = 3600
# How often the sender looks for minors whose minutes elsewhere are due to be asked again
# (each is asked at most every NETPOINT_UPLINK minutes_refresh_seconds).
MINUTES_EVERY_SECONDS = 30


def retry_delay(failures: int, first: float, cap: float, draw: float) -> float:
    """Seconds to wait after the n-th failure in a row: doubling up to the cap, then a random
    share (`draw` in [0, 1)) between half and all of it."""
    if failures < 1:
        return 0.0
    base = min(cap, first * 2 ** min(failures - 1, 32))
    return base * (0.5 + draw / 2)


class Sender(threading.Thread):
    def __init__(self):
        super().__init__(name="uplink-sender", daemon=True)
        self._stop_event = threading.Event()

    def run(self) -> None:
        conf = uplink_conf()
        last_heartbeat = last_prune = last_minutes = None
        while not self._stop_event.is_set():
            wait = conf.idle_seconds
            try:
                current = services.link()
                beat_due = last_heartbeat is None or (
                    time.monotonic() - last_heartbeat >= conf.heartbeat_every_seconds
                )
                if current is not None and beat_due:
                    services.emit_heartbeat()
                    last_heartbeat = time.monotonic()
                if current is not None and (
                    last_prune is None or time.monotonic() - last_prune >= PRUNE_EVERY_SECONDS
                ):
                    services.prune_sent(current)
                    last_prune = time.monotonic()
                if current is not None:
                    services.drain(current)
                if current is not None and (
                    last_minutes is None or time.monotonic() - last_minutes >= MINUTES_EVERY_SECONDS
                ):
                    # Minors playing now: their minutes at the other points, asked again.
                    minutes.refresh()
                    last_minutes = time.monotonic()
            except services.SendFailed as failure:
                log.warning("sending to the provider failed: %s", failure)
                wait = retry_delay(
                    current.failures,
                    conf.retry_first_seconds,
                    conf.retry_max_seconds,
                    random.random(),  # noqa: S311 - jitter, not a secret
                )
            except Exception:
                log.exception("uplink sender failed; trying again")
            finally:
                close_old_connections()
            self._stop_event.wait(wait)
        connection.close()

    def stop(self) -> None:
        self._stop_event.set()
