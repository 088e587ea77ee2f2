"""UDP servers on asyncio with one writer thread: the RADIUS server and the NAT log collector.

The event loop reads each datagram and queues what is to be stored; the writer thread stores
whatever has queued up since its last commit in one transaction (group commit). If that
transaction fails, the writer stores the queued items one by one, so one bad item costs only
itself. Subclasses listen on their ports in `open`, keep themselves up to date in `housekeep`,
and store a batch in `write`.
"""

import asyncio
import logging
import queue
import socket
import threading

from django.db import close_old_connections, connection, transaction

log = logging.getLogger(__name__)


class _Endpoint(asyncio.DatagramProtocol):
    def __init__(self, receive):
        self.receive = receive
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.receive(data, addr, self.transport)


class DatagramServer:
    writer_name = "writer"

    def __init__(self, host: str, receive_buffer: int, max_batch: int, reuse_port: bool = False):
        self.host = host
        self.receive_buffer = receive_buffer
        self.max_batch = max_batch
        self.reuse_port = reuse_port
        self.writes: queue.Queue = queue.Queue()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.transports: list = []
        self.ready = threading.Event()

    async def open(self) -> None:
        """Read what the server needs to know and `listen` on its ports."""
        raise NotImplementedError

    async def housekeep(self) -> None:
        """Runs while the server does, until cancelled."""
        raise NotImplementedError

    def write(self, batch: list) -> None:
        """Store a batch of queued items (in the writer thread)."""
        raise NotImplementedError

    async def listen(self, port: int, receive) -> None:
        """`receive(data, addr, transport)` is called with each datagram to `port`."""
        transport, _protocol = await self.loop.create_datagram_endpoint(
            lambda: _Endpoint(receive), local_addr=(self.host, port), reuse_port=self.reuse_port
        )
        # A burst (a NAS reboot, many hotspots at once) must wait in the socket rather than be
        # dropped and retransmitted seconds later, or lost where nothing retransmits.
        sock = transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
        self.transports.append(transport)

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        await self.open()
        self.writer = threading.Thread(target=self._write_forever, name=self.writer_name)
        self.writer.start()
        self.housekeeping = asyncio.create_task(self.housekeep())
        self.ready.set()

    async def serve(self, stop: asyncio.Event) -> None:
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.close()

    async def close(self) -> None:
        self.housekeeping.cancel()
        for transport in self.transports:
            transport.close()
        self.writes.put(None)
        await self.loop.run_in_executor(None, self.writer.join)

    def _write_forever(self) -> None:
        try:
            while True:
                first = self.writes.get()
                if first is None:
                    return
                batch = [first]
                while len(batch) < self.max_batch:
                    try:
                        item = self.writes.get_nowait()
                    except queue.Empty:
                        break
                    if item is None:
                        self.writes.put(None)
                        break
                    batch.append(item)
                self.write(batch)
        finally:
            connection.close()

    def commit(self, batch: list, store) -> tuple[list, list, list]:
        """`store(cursor, items)` for the whole batch in one transaction, or, if that fails,
        for each item in its own. Returns the items stored, those lost and what each
        successful `store` returned."""
        # A connection the database dropped meanwhile is replaced rather than failed on.
        close_old_connections()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                return batch, [], [store(cursor, batch)]
        except Exception as error:
            # The type only: the items hold personal data.
            log.warning("a group commit failed (%s); storing one by one", type(error).__name__)
            close_old_connections()
        stored, lost, results = [], [], []
        for item in batch:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    results.append(store(cursor, [item]))
                stored.append(item)
            except Exception:
                lost.append(item)
                close_old_connections()
        return stored, lost, results
