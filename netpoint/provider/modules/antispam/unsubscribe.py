"""Signed unsubscribe links: they carry the recipient's keyed hash, never the address."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netpoint.provider.modules.antispam import recipients
from netpoint.provider.modules.antispam.models import Customer

SALT = "netpoint.provider.modules.antispam.unsubscribe"
# Refusals by web are counted for e-mail advertising (Mẫu số 1) and internet messaging; SMS
# advertising is refused by SMS keyword or by phone (Mẫu số 2).
CHANNELS = ("email", "messaging")
# The public form takes every channel: a person may refuse SMS and calls on the web too
# (Nghị định 91/2020 lets them refuse by any means the provider offers).
FORM_CHANNELS = [
    ("sms", _("Tin nhắn SMS")),
    ("call", _("Cuộc gọi")),
    ("email", _("Thư điện tử")),
    ("messaging", _("Ứng dụng nhắn tin (Zalo, Viber, Messenger…)")),
]


def link_path(customer: Customer | None, channel: str, address: str) -> str:
    index = recipients.recipient_index(channel, address)
    token = signing.dumps(
        {"r": index, "c": channel, "k": customer.pk if customer else None}, salt=SALT, compress=True
    )
    return reverse("antispam-unsubscribe", args=[token])


def read(token: str, max_age_days: int) -> dict | None:
    """The link's contents, or None when it was altered or is too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=max_age_days))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"r", "c", "k"} <= data.keys():
        return None
    return data
