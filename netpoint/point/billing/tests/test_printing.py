"""The receipt sent to an ESC/POS printer on the network (a real TCP listener here)."""

import socket
import threading
from datetime import timedelta

import pytest

from netpoint.point.billing.models import Receipt
from netpoint.point.sessions import services as sessions


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


@pytest.fixture
def receipt(cafe, make_customer, clock, cashier) -> Receipt:
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=45))
    session = sessions.end_session(session, at=clock.now(), reason="check_out", cashier=cashier)
    return sessions.settle(session, cashier, "cash", 10000)


@pytest.fixture
def printer():
    """A listener on a free port that keeps every byte sent to it, as a printer would."""
    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def serve():
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received, thread
    server.close()


def test_the_receipt_prints_on_the_network_printer(signed_in, receipt, printer, settings):
    port, received, thread = printer
    settings.NETPOINT_BILLING = {"printer_host": "127.0.0.1", "printer_port": port}
    response = signed_in.post(f"/receipts/{receipt.pk}/print/")
    thread.join(timeout=10)
    assert "Đã gửi hóa đơn tới máy in." in signed_in.get(response["Location"]).content.decode()
    text = bytes(received)
    assert receipt.number.encode() in text and b"Quan Net Thu Nghiem" in text
    assert b"4.500 d" in text and b"10.000 d" in text and b"5.500 d" in text
    assert b"\x1dV" in text  # the paper is cut


def test_a_printer_that_does_not_answer_gives_a_message(signed_in, receipt, settings):
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    settings.NETPOINT_BILLING = {"printer_host": "127.0.0.1", "printer_port": port}
    response = signed_in.post(f"/receipts/{receipt.pk}/print/")
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "Không in được: máy in không trả lời." in page


def test_without_a_printer_the_page_offers_only_the_browser_print(signed_in, receipt):
    page = signed_in.get(f"/receipts/{receipt.pk}/").content.decode()
    assert "In hóa đơn" in page and 'data-testid="escpos"' not in page
    response = signed_in.post(f"/receipts/{receipt.pk}/print/")
    assert "Chưa khai báo máy in hóa đơn." in signed_in.get(response["Location"]).content.decode()
