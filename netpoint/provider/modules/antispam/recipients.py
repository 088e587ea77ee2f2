"""Recipients' addresses, normalised and turned into keyed hashes; the raw value goes no further."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from netpoint.common.sealing.crypto import blind_index, seal
from netpoint.common.sealing.indexes import key_ring

PHONE_COLUMN = "antispam.phone"
EMAIL_COLUMN = "antispam.email"
SEALED_COLUMN = "antispam_optoutrequest.recipient_sealed"
PHONE = re.compile(r"^84[1-9]\d{7,9}$")
# The everyday address, accepted without Django's full validator (which the rest go through).
PLAIN_EMAIL = re.compile(
    r"^(?=[^@]{1,64}@)[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$"
)


class InvalidRecipient(ValueError):
    pass


def normal_phone(value: str) -> str:
    """Vietnamese numbers as 84xxxxxxxxx: "0912 345 678", "+84912345678" and "84912345678"
    are one number."""
    digits = "".join(ch for ch in value if ch.isdigit())
    if value.strip().startswith("+") and not digits.startswith("84"):
        raise InvalidRecipient("not a Vietnamese phone number")
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    if len(value) > 30 or not PHONE.match(digits):
        raise InvalidRecipient("not a phone number")
    return digits


def normal_email(value: str) -> str:
    value = value.strip().lower()
    if PLAIN_EMAIL.match(value):
        return value
    try:
        validate_email(value)
    except ValidationError:
        raise InvalidRecipient("not an e-mail address") from None
    return value


def is_email_channel(channel: str) -> bool:
    return channel == "email"


def normalise(channel: str, value: str) -> str:
    return normal_email(value) if is_email_channel(channel) else normal_phone(value)


def index_of(channel: str, normalised: str) -> str:
    column = EMAIL_COLUMN if is_email_channel(channel) else PHONE_COLUMN
    return blind_index(normalised, column, key_ring())


def recipient_index(channel: str, value: str) -> str:
    return index_of(channel, normalise(channel, value))


def sealed(normalised: str) -> str:
    return seal(normalised, SEALED_COLUMN, key_ring())
