"""The QR code on the back of a chip CCCD, as a USB scanner types it: fields separated by "|":
number (12 digits), old CMND number (9 digits or empty), full name, date of birth (ddmmyyyy),
gender (Nam/Nữ), permanent address, date of issue (ddmmyyyy).

Pure: the text in, a frozen result or an IdentityError with a Vietnamese message out. The
identity rules (province code, birth year and gender against the number) are the validators'
and apply to the result as to a typed form."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.validators import IdentityError, interpolate

SEPARATOR = "|"
FIELDS = 7
GENDERS = {"nam": "male", "nữ": "female", "nu": "female"}


@dataclass(frozen=True)
class CccdQr:
    number: str
    old_number: str
    full_name: str
    date_of_birth: date
    gender: str  # "male" or "female"
    address: str
    issued_on: date


def looks_like_qr(text: str) -> bool:
    return SEPARATOR in (text or "")


def _error(code: str, message) -> IdentityError:
    return IdentityError(code, message)


def _date(text: str, what) -> date:
    if not re.fullmatch(r"[0-9]{8}", text):
        raise _error(
            "qr_date",
            interpolate(_("Mã QR có %(what)s không đúng dạng ngàythángnăm."), {"what": what}),
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _error(
            "qr_date", interpolate(_("Mã QR có %(what)s không tồn tại."), {"what": what})
        ) from None


def parse_cccd_qr(payload: str) -> CccdQr:
    # Composed form: a name typed or sent decomposed must still read as the same name.
    text = unicodedata.normalize("NFC", payload or "").strip()
    if not text:
        raise _error("qr_empty", _("Chưa đọc được mã QR; hãy quét lại mặt sau thẻ CCCD."))
    parts = [part.strip() for part in text.split(SEPARATOR)]
    if len(parts) < FIELDS:
        raise _error(
            "qr_truncated",
            _("Mã QR đọc chưa đủ (thiếu thông tin); hãy quét lại mặt sau thẻ CCCD."),
        )
    # Newer cards may add fields after the seventh: they are not needed here.
    number, old_number, full_name, born, gender, address, issued = parts[:FIELDS]
    if not re.fullmatch(r"[0-9]{12}", number):
        raise _error("qr_number", _("Mã QR không có số CCCD 12 chữ số; đây có phải thẻ CCCD?"))
    if old_number and not re.fullmatch(r"[0-9]{9}", old_number):
        raise _error("qr_old_number", _("Mã QR có số CMND cũ không đúng 9 chữ số."))
    if not full_name:
        raise _error("qr_name", _("Mã QR không có họ và tên."))
    if gender.casefold() not in GENDERS:
        raise _error("qr_gender", _("Mã QR có giới tính không phải Nam hoặc Nữ."))
    if not address:
        raise _error("qr_address", _("Mã QR không có nơi thường trú."))
    date_of_birth = _date(born, _("ngày sinh"))
    issued_on = _date(issued, _("ngày cấp"))
    if issued_on < date_of_birth:
        raise _error("qr_dates", _("Mã QR có ngày cấp trước ngày sinh."))
    return CccdQr(
        number=number,
        old_number=old_number,
        full_name=" ".join(full_name.split()),
        date_of_birth=date_of_birth,
        gender=GENDERS[gender.casefold()],
        address=address,
        issued_on=issued_on,
    )
