"""Violation notices through a real SMTP server on loopback (aiosmtpd), and through a port
that refuses: the job ends well, the notice waits with its tries and goes out later."""

import logging
import socket
from datetime import date, timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from netpoint.provider.monitoring.models import Notice, Violation

pytestmark = pytest.mark.django_db


class Inbox:
    """aiosmtpd's handler: keeps what it was given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.DEFAULT_FROM_EMAIL = "giamsat@nhacungcap.example"
    yield inbox
    controller.stop()


@pytest.fixture
def refusing_port(settings):
    """A loopback port nothing listens on: the connection is refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    return settings.EMAIL_PORT


@pytest.fixture
def expired_licence(clock, provider_point, department):
    department("sohanoi", 1, email="giamsat@sotttt.example")
    return provider_point(licence_expires_on=date(2026, 3, 1))


def run_job() -> str:
    out = StringIO()
    call_command("violations", stdout=out)
    return out.getvalue()


def test_a_notice_reaches_a_real_mail_server(smtp_server, expired_licence):
    said = run_job()
    [message] = smtp_server.messages
    assert message.rcpt_tos == ["giamsat@sotttt.example"]
    assert message.mail_from == "giamsat@nhacungcap.example"
    text = message.content.decode()
    assert "HN-0001" in text
    assert "1 new violations; notices: 1 sent, 0 pending" in said
    assert Violation.objects.get().notified_at is not None


def test_a_refused_mail_server_leaves_the_notice_pending_and_the_job_ends_well(
    refusing_port, expired_licence, clock, caplog
):
    with caplog.at_level(logging.WARNING):
        said = run_job()
    assert "1 new violations; notices: 0 sent, 1 pending (next try 2026-03-10 03:05 UTC)" in said
    notice = Notice.objects.get()
    assert notice.attempts == 1 and notice.last_error == "ConnectionRefusedError"
    assert notice.next_try_at == clock.now() + timedelta(minutes=5)
    assert Violation.objects.get().notified_at is None
    logged = caplog.text
    assert "not sent" in logged and "giamsat@" not in logged and "HN-0001" not in logged


def test_each_failed_try_waits_twice_as_long(refusing_port, expired_licence, clock):
    run_job()
    clock.advance(timedelta(minutes=5))
    run_job()
    notice = Notice.objects.get()
    assert notice.attempts == 2
    assert notice.next_try_at == clock.now() + timedelta(minutes=10)


def test_a_pending_notice_goes_out_when_its_time_comes(
    refusing_port, expired_licence, clock, settings
):
    run_job()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_PORT = controller.port
        clock.advance(timedelta(minutes=4))
        assert "0 sent, 1 pending" in run_job()  # not yet due: not tried
        assert Notice.objects.get().attempts == 1 and inbox.messages == []
        clock.advance(timedelta(minutes=1))
        assert "0 new violations; notices: 1 sent, 0 pending" in run_job()
    finally:
        controller.stop()
    [message] = inbox.messages
    assert message.rcpt_tos == ["giamsat@sotttt.example"]
    notice = Notice.objects.get()
    assert notice.sent_at == clock.now() and notice.attempts == 2
    assert Violation.objects.get().notified_at == clock.now()
