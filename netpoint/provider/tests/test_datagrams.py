import asyncio
import socket

import pytest
from django.contrib.contenttypes.models import ContentType

from netpoint.provider.datagrams import BURST, DatagramServer, Endpoint

APP = "datagrams-test"
# Already there: inserting it again breaks the unique constraint.
TAKEN = ("contenttypes", "contenttype")


def _insert(cursor, items):
    for app_label, model in items:
        cursor.execute(
            "INSERT INTO django_content_type (app_label, model) VALUES (%s, %s)", [app_label, model]
        )
    return len(items)


def _stored() -> list[str]:
    return sorted(ContentType.objects.filter(app_label=APP).values_list("model", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_batch_is_stored_in_one_transaction():
    batch = [(APP, "a"), (APP, "b")]
    stored, lost, results = DatagramServer("127.0.0.1", 65536, 100).commit(batch, _insert)
    assert (stored, lost, results) == (batch, [], [2])
    assert _stored() == ["a", "b"]


@pytest.mark.django_db(transaction=True)
def test_one_bad_item_costs_only_itself():
    batch = [(APP, "a"), TAKEN, (APP, "b")]
    stored, lost, results = DatagramServer("127.0.0.1", 65536, 100).commit(batch, _insert)
    assert (stored, lost, results) == ([(APP, "a"), (APP, "b")], [TAKEN], [1, 1])
    assert _stored() == ["a", "b"]


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def _bound(kind=socket.socket) -> socket.socket:
    sock = kind(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(("127.0.0.1", 0))
    sock.setblocking(False)
    return sock


def test_one_wakeup_reads_a_burst_of_datagrams_and_leaves_the_rest_for_the_next(loop):
    received = []
    endpoint = Endpoint(loop, _bound(), lambda data, addr, _endpoint: received.append(data))
    sent = [n.to_bytes(2, "big") for n in range(BURST + 10)]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        for data in sent:
            client.sendto(data, endpoint.sock.getsockname())
    endpoint._read()
    assert received == sent[:BURST]
    endpoint._read()
    endpoint._read()
    assert received == sent
    endpoint.close()


class _Congested(socket.socket):
    """A socket whose send buffer is full for its first `full` sends."""

    full = 2

    def sendto(self, data, addr):
        if self.full:
            self.full -= 1
            raise BlockingIOError
        return super().sendto(data, addr)


def test_replies_that_find_the_send_buffer_full_go_out_in_order_once_it_drains(loop):
    endpoint = Endpoint(loop, _bound(_Congested), lambda *_: None)
    with _bound() as client:
        client.settimeout(2)
        for data in (b"first", b"second"):
            endpoint.sendto(data, client.getsockname())
        assert list(endpoint.backlog) == [
            (b"first", client.getsockname()),
            (b"second", client.getsockname()),
        ]
        loop.run_until_complete(asyncio.sleep(0.1))
        assert not endpoint.backlog
        assert [client.recv(100), client.recv(100)] == [b"first", b"second"]
        endpoint.sendto(b"third", client.getsockname())
        assert client.recv(100) == b"third"
    endpoint.close()


def test_replies_after_close_are_dropped_without_a_word(loop, caplog):
    endpoint = Endpoint(loop, _bound(), lambda *_: None)
    endpoint.close()
    endpoint.sendto(b"late", ("127.0.0.1", 9))
    assert not endpoint.backlog and not caplog.records
