"""A syslog receiver, so that routers send their logs to the point server: UDP (RFC 5426, one
message a datagram) and TCP (RFC 6587: octet counting, or one message a line).

Messages are gathered in memory and stored once a second, in one transaction, by one worker
thread (the ORM is not used from the event loop). A sender over UDP has no way to know what
arrived; over TCP, what was received before a crash within that second is lost with it.
"""

import asyncio
import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connections

from netpoint.point.accesslog import parsers, services

MAX_MESSAGE = 64 * 1024
PRUNE_EVERY_SECONDS = 3600


class Receiver:
    def __init__(self, name: str = "syslog"):
        self.name = name
        self._pending: list[str] = []
        self._lock = threading.Lock()
        self.classifier = services.classifier()
        self._pruned_at = -float("inf")

    def take(self, message: bytes) -> None:
        text = message.decode("utf-8", errors="replace").rstrip("\r\n\0")
        with self._lock:
            self._pending.append(text)

    def flush(self) -> int:
        """Store what arrived; once an hour also forget records past their retention (a point
        with a router and no log files runs only this)."""
        with self._lock:
            messages, self._pending = self._pending, []
        if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
            close_old_connections()
            services.prune()
            self._pruned_at = time.monotonic()
        if messages:
            close_old_connections()
            found = services.digest(messages, parsers.syslog, services.stamps(), self.classifier)
            services.store(services.source(self.name, "syslog"), found)
        return len(messages)


class _Datagrams(asyncio.DatagramProtocol):
    def __init__(self, receiver: Receiver):
        self.receiver = receiver

    def datagram_received(self, data, addr):
        self.receiver.take(data)


async def _stream(receiver: Receiver, reader, writer) -> None:
    try:
        while True:
            first = await reader.read(1)
            if not first:
                break
            if first.isdigit():  # octet counting: "LEN SP MSG"
                length = await reader.readuntil(b" ")
                size = int(first + length[:-1])
                if size > MAX_MESSAGE:
                    break
                receiver.take(await reader.readexactly(size))
            elif first != b"\n":
                receiver.take(first + await reader.readuntil(b"\n"))
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
        pass  # a sender that breaks the framing loses its connection, not the receiver
    finally:
        writer.close()


async def serve(
    receiver: Receiver,
    *,
    udp: tuple[str, int] | None,
    tcp: tuple[str, int] | None,
    stop: asyncio.Event,
    flush_seconds: float = 1.0,
    ready=None,
) -> None:
    """Receive until `stop` is set, storing every `flush_seconds` and once more at the end.
    `ready(udp_port, tcp_port)` is told the ports bound (useful with port 0)."""
    loop = asyncio.get_running_loop()
    storing = ThreadPoolExecutor(1, thread_name_prefix="accesslog-store")
    transport = server = None
    ports = [None, None]
    if udp:
        transport, _ = await loop.create_datagram_endpoint(
            lambda: _Datagrams(receiver), local_addr=udp
        )
        ports[0] = transport.get_extra_info("sockname")[1]
    if tcp:
        server = await asyncio.start_server(
            lambda r, w: _stream(receiver, r, w), *tcp, limit=MAX_MESSAGE
        )
        ports[1] = server.sockets[0].getsockname()[1]
    if ready:
        ready(*ports)
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), flush_seconds)
            await loop.run_in_executor(storing, receiver.flush)
    finally:
        if transport:
            transport.close()
        if server:
            server.close()
            await server.wait_closed()
        await loop.run_in_executor(storing, receiver.flush)
        await loop.run_in_executor(storing, connections.close_all)
        storing.shutdown()
