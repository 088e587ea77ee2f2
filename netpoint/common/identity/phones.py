"""Vietnamese mobile numbers: stored in E.164 (+84912345678), shown as 0912 345 678."""

import re

import phonenumbers
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.validators import IdentityError, interpolate

# What people write around the digits. Anything else is refused before phonenumbers sees it,
# because it would read letters as a keypad word ("0912 345 ABC") and drop an "ext. 12".
WRITTEN_NUMBER = re.compile(r"[\d\s+().\-]+")


def _invalid() -> IdentityError:
    return IdentityError(
        "phone_invalid",
        _("Số điện thoại không hợp lệ; số di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678."),
    )


def _read(raw: str, invalid) -> phonenumbers.PhoneNumber:
    """A valid number as written in Vietnam, or `invalid()` raised."""
    if not WRITTEN_NUMBER.fullmatch(raw or ""):
        raise invalid()
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        raise invalid() from None
    if not phonenumbers.is_valid_number(number):
        raise invalid()
    return number


def normalize_mobile(raw: str) -> str:
    number = _read(raw, _invalid)
    if number.country_code != 84:
        raise IdentityError(
            "phone_not_mobile",
            interpolate(
                _("Chỉ nhận số di động Việt Nam; số đã nhập có mã nước +%(code)s."),
                {"code": number.country_code},
            ),
        )
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
        raise IdentityError(
            "phone_not_mobile",
            interpolate(
                _("Số %(number)s không phải số di động; hãy nhập số di động, ví dụ 0912 345 678."),
                {"number": _national(number)},
            ),
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_mobile_local(e164: str) -> str:
    return _national(phonenumbers.parse(e164))


def normalize_vietnamese(raw: str) -> str:
    """A Vietnamese number, mobile or landline (a point owner's, an office's), in E.164."""
    number = _read(raw, _invalid_any)
    if number.country_code != 84:
        raise _invalid_any()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _invalid_any() -> IdentityError:
    return IdentityError(
        "phone_invalid",
        _(
            "Số điện thoại không hợp lệ; ghi số di động hoặc cố định của Việt Nam, ví dụ "
            "0912 345 678 hoặc 024 3825 1234."
        ),
    )


def format_phone_local(e164: str) -> str:
    """A stored number as written in Vietnam; what cannot be read, as it is."""
    try:
        return _national(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return e164


def _national(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# A Vietnamese number already in E.164 (what the point stores and sends): no parsing needed,
# which keeps the phone index off the ingest's measured path.
VN_E164 = re.compile(r"\+84[1-9]\d{8}")


def canonical_phone(raw: str) -> str:
    """Any way of writing a number (0987 654 321, 84987654321, +84987654321, 0084...) as one
    E.164 string, so that all give one blind index; unlike normalize_mobile it refuses nothing
    (a search for a malformed number finds nobody): what phonenumbers cannot read stays as its
    digits."""
    text = (raw or "").strip()
    if VN_E164.fullmatch(text):
        return text
    if WRITTEN_NUMBER.fullmatch(text):
        try:
            number = phonenumbers.parse(text, "VN")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return "".join(ch for ch in text if ch.isdigit())
