"""Enabling, checking and disabling a user's TOTP authenticator (RFC 6238, 30 s steps, six
digits). A code is accepted one step either side of now, and each step only once."""

import hmac

import pyotp
import qrcode
import qrcode.image.svg
from django.db import transaction

from netpoint.common.audit import services as audit
from netpoint.common.core import clock
from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.accounts.models import TotpDevice

SECRET_COLUMN = "accounts_totpdevice.secret"
ISSUER = "Netpoint"


def has_totp(user) -> bool:
    return TotpDevice.objects.filter(user=user).exists()


def new_secret() -> str:
    return pyotp.random_base32()


def setup_qr_svg(user, secret: str) -> str:
    """The otpauth:// address as an inline SVG QR code for the authenticator app to scan."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.get_username(), issuer_name=ISSUER)
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def _matching_step(secret: str, code: str) -> int | None:
    totp = pyotp.TOTP(secret)
    now_step = int(clock.now().timestamp()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if hmac.compare_digest(totp.generate_otp(step).encode(), code.encode()):
            return step
    return None


def enable(user, secret: str, code: str) -> bool:
    """Keeps the secret once the user proves their app makes the same codes."""
    step = _matching_step(secret, code) if secret else None
    if step is None:
        return False
    with transaction.atomic():
        TotpDevice.objects.update_or_create(
            user=user,
            defaults={
                "secret_sealed": seal(secret, SECRET_COLUMN, key_ring()),
                "confirmed_at": clock.now(),
                "last_used_step": step,
            },
        )
        audit.record("totp_enabled", user=user)
    return True


def verify(user, code: str) -> bool:
    """The code is right and its step has not been used: a code seen over a shoulder or in a
    log cannot be replayed."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            return False
        step = _matching_step(unseal(device.secret_sealed, SECRET_COLUMN, key_ring()), code)
        if step is None or step <= device.last_used_step:
            return False
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
    return True


def disable(user, code: str) -> bool:
    """Only with a current code, so a left-open session cannot quietly remove it."""
    if not verify(user, code):
        return False
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        audit.record("totp_disabled", user=user)
    return True
