"""Opt-out requests that arrive by SMS keyword or by e-mail reply."""

import mailbox
from email.header import decode_header, make_header
from email.utils import parseaddr

from django.core.mail import send_mail

from netpoint.provider.modules.antispam import policy, services
from netpoint.provider.modules.antispam.conf import conf
from netpoint.provider.modules.antispam.models import OptOutRequest


def sms_optouts(gateway) -> tuple[int, int]:
    """Registers each keyword SMS once ("TC", "HUY" ...) and answers it; other messages are
    left alone. Returns (opt-outs registered, messages skipped)."""
    keywords = conf().optout_keywords
    registered = skipped = 0
    for message_id, sender, text in gateway.received():
        ref = services.ref_of(f"sms:{message_id}:{sender}")
        if not policy.is_optout_keyword(text, keywords) or services.already_registered(ref):
            skipped += 1
            continue
        services.register_optout(
            via=OptOutRequest.Via.SMS,
            channel="sms",
            address=sender,
            source_ref=ref,
            confirm=lambda answer, to=sender: gateway.send(to, answer),
        )
        registered += 1
    return registered, skipped


def _subject(message) -> str:
    try:
        return str(make_header(decode_header(message.get("Subject", ""))))
    except (ValueError, LookupError):
        return ""


def mail_optouts(path: str) -> tuple[int, int]:
    """Every message in the unsubscribe mailbox (mbox) asks for no more advertising e-mail; a
    sender that cannot be made out is kept as not processable. Returns (registered, already)."""
    registered = already = 0
    for message in mailbox.mbox(path, create=False):
        sender = parseaddr(message.get("Reply-To") or message.get("From", ""))[1]
        ref = services.ref_of(f"mail:{message.get('Message-ID') or sender + _subject(message)}")
        if services.already_registered(ref):
            already += 1
            continue
        services.register_optout(
            via=OptOutRequest.Via.EMAIL,
            channel="email",
            address=sender or "-",
            source_ref=ref,
            confirm=lambda answer, to=sender: _reply(to, answer),
        )
        registered += 1
    return registered, already


def _reply(to: str, text: str) -> None:
    if "@" in to:
        send_mail("Xác nhận yêu cầu từ chối", text, None, [to], fail_silently=True)
