"""Vietnamese mobile numbers, stored in E.164 (+84…)."""

import phonenumbers
from django.utils.translation import gettext_lazy as _

from netpoint.identity.validators import IdentityError

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def normalize_mobile(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw or "", "VN")
    except phonenumbers.NumberParseException:
        raise IdentityError("phone_invalid", _("Số điện thoại không hợp lệ.")) from None
    if not phonenumbers.is_valid_number(number):
        raise IdentityError("phone_invalid", _("Số điện thoại không hợp lệ."))
    if number.country_code != 84 or phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise IdentityError(
            "phone_not_mobile", _("Hãy nhập số di động Việt Nam (ví dụ 0912 345 678).")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_mobile_local(e164: str) -> str:
    digits = "0" + e164.removeprefix("+84")
    return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
