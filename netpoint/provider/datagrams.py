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
from collections import deque

from django.db import close_old_connections, connection, transaction

log = logging.getLogger(__name__)


# The largest datagram either protocol sends (IPFIX over UDP may fill one).
LONGEST_DATAGRAM = 65535
# Datagrams read in one turn of the event loop before others get theirs (the replies of a
# finished commit, timers).
BURST = 256


class Endpoint:
    """A UDP socket on the event loop. One wakeup reads every datagram that has arrived, up to
    BURST, where asyncio's datagram transport reads one per turn of the loop and the turn costs
    more than the datagram. A reply that finds the send buffer full waits until the socket is
    writable, as with asyncio's transport."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket, receive):
        self.loop = loop
        self.sock = sock
        self.receive = receive
        self.backlog: deque[tuple[bytes, tuple]] = deque()
        loop.add_reader(sock.fileno(), self._read)

    def _read(self) -> None:
        recvfrom = self.sock.recvfrom
        for _ in range(BURST):
            try:
                data, addr = recvfrom(LONGEST_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("could not read a datagram: %s", type(error).__name__)
                return
            self.receive(data, addr, self)

    def sendto(self, data: bytes, addr) -> None:
        if self.sock.fileno() < 0:
            # Closed: the replies of a commit that ends during shutdown go nowhere, silently.
            return
        if not self.backlog:
            try:
                self.sock.sendto(data, addr)
                return
            except (BlockingIOError, InterruptedError):
                self.loop.add_writer(self.sock.fileno(), self._write)
            except OSError as error:
                # As asyncio does: a reply that cannot go is lost; the client asks again.
                log.warning("could not send a datagram: %s", type(error).__name__)
                return
        self.backlog.append((data, addr))

    def _write(self) -> None:
        while self.backlog:
            data, addr = self.backlog[0]
            try:
                self.sock.sendto(data, addr)
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("could not send a datagram: %s", type(error).__name__)
            self.backlog.popleft()
        self.loop.remove_writer(self.sock.fileno())

    def close(self) -> None:
        self.loop.remove_reader(self.sock.fileno())
        self.loop.remove_writer(self.sock.fileno())
        self.sock.close()


class DatagramServer:
    writer_name = "writer"

    def __init__(self, host: str, receive_buffer: int, max_batch: int, reuse_port: bool = False):
        self.host = host
        self.receive_buffer = receive_buffer
        self.max_batch = max_batch
        self.reuse_port = reuse_port
        # Put by the event loop for every request, taken by the writer: the C queue, no locks
        # in Python.
        self.writes: queue.SimpleQueue = queue.SimpleQueue()
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
        """`receive(data, addr, endpoint)` is called with each datagram to `port`; the reply
        goes back through `endpoint.sendto(data, addr)`."""
        family, kind, proto, _name, address = (
            await self.loop.getaddrinfo(self.host, port, type=socket.SOCK_DGRAM)
        )[0]
        sock = socket.socket(family, kind, proto)
        try:
            if self.reuse_port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            # A burst (a NAS reboot, many hotspots at once) must wait in the socket rather than
            # be dropped and retransmitted seconds later, or lost where nothing retransmits.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self.receive_buffer)
            sock.bind(address)
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.transports.append(Endpoint(self.loop, sock, receive))

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
