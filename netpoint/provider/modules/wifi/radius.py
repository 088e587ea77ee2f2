"""The RADIUS server (RFC 2865 authentication, RFC 2866 accounting) on asyncio with pyrad's
packet codec, except for Accounting-Requests without a Message-Authenticator, the bulk of the
traffic, which `accounting` decodes and answers itself.

Accounting is answered only after its row is committed: the event loop parses and checks
requests and hands them to one writer thread, which stores whatever has queued up since its
last commit in one transaction (group commit), then lets the loop send the responses. A
retransmission (RFC 5080 section 2.2.2: same source, code, identifier and authenticator)
inside the window gets the reply already sent, or nothing while its first copy is still being
stored, and is never stored twice. Packets from unknown sources, with a wrong authenticator or
Message-Authenticator, or that do not parse are dropped silently, as RFC 2865 asks.

A NAS is the address its packets come from, whose secret signs them: a packet that names
another address in NAS-IP-Address (other than the private ones listed for a NAS behind NAT) is
dropped and counted on that NAS, and what is stored is always the source address, so a
hotspot cannot close or open another's sessions with its own secret.
"""

import asyncio
import logging
import threading
import time
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from django.db import close_old_connections, connection
from pyrad import packet as radius

from netpoint.provider.datagrams import DatagramServer, Endpoint
from netpoint.provider.modules.wifi import accounting, services
from netpoint.provider.modules.wifi.accounting import DICTIONARY
from netpoint.provider.modules.wifi.conf import conf
from netpoint.provider.modules.wifi.services import Credentials, NasEntry

log = logging.getLogger(__name__)

USER_PASSWORD, CHAP_PASSWORD, CHAP_CHALLENGE = 2, 3, 60
LOOKUP_THREADS = 4


@dataclass
class Stats:
    accepted: int = 0
    rejected: int = 0
    stored: int = 0
    commits: int = 0
    duplicates: int = 0
    dropped: int = 0
    # Authenticated packets naming another NAS's address (also counted on each Nas).
    refused_claims: int = 0
    # Time the writer spent in transactions: with `commits`, what a group commit costs.
    writing_seconds: float = 0.0


@dataclass
class Pending:
    """An Accounting-Request waiting for its commit."""

    work: object
    reply: bytes
    addr: tuple
    transport: Endpoint
    key: tuple


class RadiusServer(DatagramServer):
    writer_name = "radius-writer"

    def __init__(
        self,
        host: str = "127.0.0.1",
        auth_port: int = 1812,
        acct_port: int = 1813,
        reuse_port: bool = False,
    ):
        super().__init__(
            host,
            conf().receive_buffer_bytes,
            conf().max_batch,
            reuse_port,
        )
        self.auth_port = auth_port
        self.acct_port = acct_port
        self.nas: dict[str, NasEntry] = {}
        self.stats = Stats()
        self.window = conf().duplicate_window_seconds
        self.interim_interval = conf().interim_interval_seconds
        # (source, code, identifier, authenticator) -> the reply, or None while storing.
        self.seen: dict[tuple, bytes | None] = {}
        self.seen_order: deque[tuple[float, tuple]] = deque()
        self.lookups = ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="radius-auth")
        # NAS id -> packets naming another address, not yet added to the Nas rows.
        self.refused: Counter[int] = Counter()

    # Lifecycle -----------------------------------------------------------------------------

    async def open(self) -> None:
        await self.refresh_nas()
        await self.listen(self.auth_port, partial(self.received, accounting_port=False))
        await self.listen(self.acct_port, partial(self.received, accounting_port=True))

    async def close(self) -> None:
        await self.report_refused()
        await super().close()
        # Each lookup thread closes its own database connection: one task per thread, held
        # at a barrier until every thread has one.
        barrier = threading.Barrier(LOOKUP_THREADS)
        for _ in range(LOOKUP_THREADS):
            self.lookups.submit(_close_connection, barrier)
        self.lookups.shutdown()

    async def report_refused(self) -> None:
        """Adds the refused packets counted since the last time to the NAS rows, and says so
        in the log: NAS ids and counts only, nothing about anyone's device."""
        if not self.refused:
            return
        counts, self.refused = dict(self.refused), Counter()
        for nas_id, count in counts.items():
            log.warning("NAS %d: dropped %d packets naming another NAS address", nas_id, count)
        try:
            await self.loop.run_in_executor(
                self.lookups, _in_thread, services.count_refused_claims, counts
            )
        except Exception:
            log.exception("could not count refused packets; counting them again later")
            self.refused.update(counts)

    async def refresh_nas(self) -> None:
        self.nas = await self.loop.run_in_executor(self.lookups, _in_thread, services.active_nas)

    async def housekeep(self) -> None:
        """Forgets replies older than the duplicate window; reads the NAS list again now and
        then, so a new hotspot needs no restart."""
        ticks = 0
        while True:
            await asyncio.sleep(1)
            ticks += 1
            horizon = time.monotonic()
            while self.seen_order and self.seen_order[0][0] < horizon:
                _expires, key = self.seen_order.popleft()
                if self.seen.get(key) is not None:
                    del self.seen[key]
                elif key in self.seen:
                    # Still being stored: its retransmissions must wait for the same commit.
                    self.seen_order.append((horizon + self.window, key))
            if ticks % 5 == 0:
                await self.report_refused()
            if ticks % 30 == 0:
                try:
                    await self.refresh_nas()
                except Exception:
                    log.exception("could not read the NAS list; keeping the old one")

    # Receiving -----------------------------------------------------------------------------

    def received(self, data: bytes, addr, transport, accounting_port: bool) -> None:
        nas = self.nas.get(addr[0])
        if nas is None or len(data) < 20:
            self.stats.dropped += 1
            return
        key = (addr, data[0], data[1], data[4:20])
        if key in self.seen:
            self.stats.duplicates += 1
            reply = self.seen[key]
            if reply is not None:
                transport.sendto(reply, addr)
            return
        try:
            if accounting_port:
                self._accounting(data, addr, transport, nas, key)
            else:
                self._access(data, addr, transport, nas, key)
        except Exception as error:
            # Hostile or broken packets: the type of the error only, never their content.
            log.debug("dropped a packet from %s: %s", addr[0], type(error).__name__)
            self.stats.dropped += 1

    def _remember(self, key: tuple, reply: bytes | None) -> None:
        if key not in self.seen:
            self.seen_order.append((time.monotonic() + self.window, key))
        self.seen[key] = reply

    def _signed(self, request, nas: NasEntry) -> bool:
        if request.message_authenticator:
            return request.verify_message_authenticator()
        return not nas.require_message_authenticator

    def _refuse_claim(self, found: dict, nas: NasEntry) -> bool:
        """Whether the packet names an address its NAS may not speak for (then counted)."""
        if not accounting.names_another_nas(found, nas.claims):
            return False
        self.stats.refused_claims += 1
        self.stats.dropped += 1
        self.refused[nas.id] += 1
        return True

    def _access(self, data, addr, transport, nas: NasEntry, key) -> None:
        request = radius.AuthPacket(secret=nas.secret, dict=DICTIONARY, packet=data)
        if request.code != radius.AccessRequest or not self._signed(request, nas):
            self.stats.dropped += 1
            return
        claimed = {
            code: values[0]
            for code in (accounting.NAS_IP_ADDRESS, accounting.NAS_IPV6_ADDRESS)
            if (values := dict.get(request, code))
        }
        if self._refuse_claim(claimed, nas):
            return
        credentials = _credentials(request)
        self._remember(key, None)
        lookup = self.loop.run_in_executor(
            self.lookups, _in_thread, services.authenticate, credentials
        )
        lookup.add_done_callback(
            lambda done: self._answer_access(request, done, addr, transport, key)
        )

    def _answer_access(self, request, done, addr, transport, key) -> None:
        if done.exception() is not None:
            # The database is away: say nothing, the NAS asks again.
            log.error("authentication failed: %s", type(done.exception()).__name__)
            self.seen.pop(key, None)
            return
        reply = request.CreateReply()  # signed with a Message-Authenticator (BlastRADIUS)
        if done.result():
            reply.code = radius.AccessAccept
            reply.AddAttribute("Acct-Interim-Interval", self.interim_interval)
            self.stats.accepted += 1
        else:
            reply.code = radius.AccessReject
            self.stats.rejected += 1
        raw = reply.ReplyPacket()
        self._remember(key, raw)
        transport.sendto(raw, addr)

    def _accounting(self, data, addr, transport, nas: NasEntry, key) -> None:
        found = accounting.accounting_request(data, nas.secret)
        if found is None:
            self.stats.dropped += 1
            return
        if accounting.MESSAGE_AUTHENTICATOR in found:
            # Rare in accounting: pyrad checks it and signs the reply with one.
            request = radius.AcctPacket(secret=nas.secret, dict=DICTIONARY, packet=data)
            if not request.verify_message_authenticator():
                self.stats.dropped += 1
                return
            reply = request.CreateReply()
            reply.add_message_authenticator()
            raw = reply.ReplyPacket()
        elif nas.require_message_authenticator:
            self.stats.dropped += 1
            return
        else:
            raw = accounting.accounting_response(data, nas.secret)
        if self._refuse_claim(found, nas):
            return
        work = accounting.report(found, addr[0], time.time())
        if work is None:
            self._remember(key, raw)
            transport.sendto(raw, addr)
            return
        self._remember(key, None)
        self.writes.put(Pending(work, raw, addr, transport, key))

    # Storing -------------------------------------------------------------------------------

    def write(self, batch: list[Pending]) -> None:
        began = time.perf_counter()
        stored, lost, _results = self.commit(
            batch, lambda cursor, items: accounting.store(cursor, [item.work for item in items])
        )
        self.stats.writing_seconds += time.perf_counter() - began
        self.loop.call_soon_threadsafe(self._answer_accounting, stored, lost)

    def _answer_accounting(self, stored: list[Pending], lost: list[Pending]) -> None:
        self.stats.commits += 1
        self.stats.stored += len(stored)
        for item in stored:
            if item.key in self.seen:
                self.seen[item.key] = item.reply
            item.transport.sendto(item.reply, item.addr)
        for item in lost:
            # Unanswered, so the NAS sends it again; its retransmission is stored then.
            self.seen.pop(item.key, None)
            self.stats.dropped += 1


def _text(request, code: int) -> str:
    values = dict.get(request, code)
    return values[0].decode("utf-8", errors="replace").replace("\x00", "") if values else ""


def _credentials(request) -> Credentials:
    user_name = _text(request, accounting.USER_NAME)
    calling = _text(request, accounting.CALLING_STATION_ID)
    hidden = dict.get(request, USER_PASSWORD)
    if hidden:
        password = request.PwDecrypt(hidden[0]).encode()
        return Credentials(user_name, calling, password=password)
    chap = dict.get(request, CHAP_PASSWORD)
    if chap and len(chap[0]) == 17:
        challenge = dict.get(request, CHAP_CHALLENGE)
        return Credentials(
            user_name,
            calling,
            chap_id=chap[0][0],
            chap_response=chap[0][1:],
            chap_challenge=challenge[0] if challenge else request.authenticator,
        )
    return Credentials(user_name, calling)


def _in_thread(function, *args):
    """Runs ORM work in a pool thread, on a connection that is fresh enough."""
    close_old_connections()
    return function(*args)


def _close_connection(barrier: threading.Barrier) -> None:
    barrier.wait(timeout=10)
    connection.close()
