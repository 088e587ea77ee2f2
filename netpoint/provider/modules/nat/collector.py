"""The NAT log collector: IPFIX (RFC 7011 over UDP) and syslog (UDP) from the hotspots' NAT
gateways, on asyncio, with one writer thread.

The event loop reads each datagram into binding events and queues them; the writer stores
whatever has queued up since its last commit in one transaction (group commit, as the RADIUS
accounting writer does). Datagrams from addresses that are no registered NAT device, and any
that do not parse, are dropped and counted; nothing a datagram holds can stop the collector.
"""

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import close_old_connections, connection

from netpoint.provider.datagrams import DatagramServer
from netpoint.provider.modules.nat import events, ipfix, services

log = logging.getLogger(__name__)

# Datagrams (up to some fifty events each) one group commit may hold.
MAX_BATCH = 1000
RECEIVE_BUFFER = 4 * 1024 * 1024
SYSLOG_LINE_LIMIT = 8192


@dataclass
class Stats:
    datagrams: int = 0
    dropped: int = 0
    events: int = 0
    ignored_records: int = 0
    opened: int = 0
    closed: int = 0
    unmatched: int = 0
    commits: int = 0
    lost: int = 0


class Collector(DatagramServer):
    writer_name = "nat-writer"

    def __init__(self, host: str = "127.0.0.1", ipfix_port: int = 4739, syslog_port: int = 514):
        super().__init__(host, RECEIVE_BUFFER, MAX_BATCH)
        self.ipfix_port = ipfix_port
        self.syslog_port = syslog_port
        self.templates = ipfix.Templates()
        self.devices: dict[str, int] = {}
        self.stats = Stats()
        self.stored = threading.Condition()

    async def open(self) -> None:
        await self.refresh_devices()
        if self.ipfix_port is not None:
            await self.listen(self.ipfix_port, self.read_ipfix)
        if self.syslog_port is not None:
            await self.listen(self.syslog_port, self.read_syslog)

    async def refresh_devices(self) -> None:
        self.devices = await self.loop.run_in_executor(None, _in_thread, services.active_devices)

    async def housekeep(self) -> None:
        """Reads the device list again now and then, so a new gateway needs no restart."""
        while True:
            await asyncio.sleep(30)
            try:
                await self.refresh_devices()
            except Exception:
                log.exception("could not read the NAT devices; keeping the old list")

    # Receiving -----------------------------------------------------------------------------

    def read_ipfix(self, data: bytes, addr, transport=None) -> None:
        self.stats.datagrams += 1
        if addr[0] not in self.devices:
            self.stats.dropped += 1
            return
        try:
            message = self.templates.read(addr[0], data)
            found = []
            for record in message.records:
                event = events.from_ipfix(record, addr[0], message.export_time)
                if event is None:
                    self.stats.ignored_records += 1
                else:
                    found.append(event)
        except Exception as error:
            # Hostile or broken datagrams: the type of the error only, never their content.
            log.debug("dropped an IPFIX message from %s: %s", addr[0], type(error).__name__)
            self.stats.dropped += 1
            return
        self._queue(found)

    def read_syslog(self, data: bytes, addr, transport=None) -> None:
        self.stats.datagrams += 1
        if addr[0] not in self.devices:
            self.stats.dropped += 1
            return
        text = data[:SYSLOG_LINE_LIMIT].decode("utf-8", errors="replace")
        found = events.from_syslog(text, addr[0], datetime.now(UTC))
        if not found:
            self.stats.ignored_records += 1
        self._queue(found)

    def _queue(self, found: list) -> None:
        if found:
            self.stats.events += len(found)
            self.writes.put(found)

    # Storing -------------------------------------------------------------------------------

    def write(self, batch: list[list]) -> None:
        stored, lost, results = self.commit(
            batch,
            lambda cursor, items: services.store(
                cursor, [event for item in items for event in item], self.devices
            ),
        )
        with self.stored:
            self.stats.commits += 1
            self.stats.lost += sum(len(item) for item in lost)
            for result in results:
                self.stats.opened += result.opened
                self.stats.closed += result.closed
                self.stats.unmatched += result.unmatched + result.unknown_device
            self.stored.notify_all()

    def wait_stored(self, events: int, timeout: float = 10.0) -> bool:
        """For tests and benches: until `events` events have been committed (or lost)."""
        deadline = time.monotonic() + timeout
        with self.stored:
            while True:
                done = self.stats.opened + self.stats.closed + self.stats.unmatched
                if done + self.stats.lost >= events:
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.stored.wait(left)


def _in_thread(function, *args):
    close_old_connections()
    try:
        return function(*args)
    finally:
        connection.close()
