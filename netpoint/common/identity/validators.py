"""Checks of Vietnamese identity documents, with a specific Vietnamese message for each fault.

Each check returns the number as it should be stored (no spaces, letters in upper case), so one
document typed two ways is still found as one. Digits are matched as [0-9], never with \\d or
str.isdigit(), which also accept "٣" or "²" that no document carries.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.functional import keep_lazy_text
from django.utils.translation import gettext_lazy as _

from netpoint.common.identity.normalise import compact_number
from netpoint.common.identity.provinces import CCCD_PROVINCES

ID_TYPES: dict[str, str] = {
    "cccd": _("Căn cước công dân / Căn cước (CCCD)"),
    "cmnd": _("Chứng minh nhân dân (CMND)"),
    "passport": _("Hộ chiếu"),
    "driving_licence": _("Giấy phép lái xe"),
    "student_card": _("Thẻ học sinh, sinh viên"),
}

GENDERS = {"male": _("nam"), "female": _("nữ")}


class IdentityError(ValueError):
    """A number that cannot be right: `code` is for programs, `message` for the person typing."""

    def __init__(self, code: str, message):
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@keep_lazy_text
def interpolate(message, params: dict) -> str:
    """`message % params`, done when the text is shown, so in the language active then."""
    return message % params


@dataclass(frozen=True)
class CccdParts:
    province_code: str
    province_name: str
    gender: str  # "male" or "female"
    century_start: int  # 1900 for people born 1900-1999, and so on up to 2300
    birth_year_2: int

    @property
    def birth_year(self) -> int:
        return self.century_start + self.birth_year_2

    def birth_year_matches(self, year: int) -> bool:
        return self.birth_year == year


# Cards print the number in groups; people type them with spaces, dots or hyphens.
_compact = compact_number


def parse_cccd(number: str) -> CccdParts:
    digits = _compact(number)
    if not digits:
        raise IdentityError("empty", _("Hãy nhập số giấy tờ."))
    if not re.fullmatch(r"[0-9]+", digits):
        raise IdentityError("cccd_length", _("Số CCCD chỉ gồm chữ số."))
    if len(digits) == 9:
        raise IdentityError(
            "cccd_length",
            _("Số CCCD phải gồm đúng 12 chữ số; số 9 chữ số là CMND, hãy chọn loại CMND."),
        )
    if len(digits) != 12:
        raise IdentityError(
            "cccd_length",
            interpolate(
                _("Số CCCD phải gồm đúng 12 chữ số (đã nhập %(count)s)."), {"count": len(digits)}
            ),
        )
    province = digits[:3]
    if province not in CCCD_PROVINCES:
        raise IdentityError(
            "cccd_province",
            interpolate(_("Mã tỉnh %(code)s ở đầu số CCCD không tồn tại."), {"code": province}),
        )
    # The fourth digit gives century and gender: 0/1 for 1900-1999, 2/3 for 2000-2099, and so on
    # up to 8/9 for 2300-2399; even for men, odd for women.
    century_digit = int(digits[3])
    return CccdParts(
        province_code=province,
        province_name=CCCD_PROVINCES[province],
        gender="male" if century_digit % 2 == 0 else "female",
        century_start=1900 + 100 * (century_digit // 2),
        birth_year_2=int(digits[4:6]),
    )


def _birth_year_error(parts: CccdParts, year: int) -> IdentityError:
    params = {"cccd": parts.birth_year, "dob": year}
    if parts.birth_year_2 == year % 100 and 1900 <= year < 2400:
        # Only the century digit is wrong (1905 against 2005): say which digit is expected.
        male = 2 * (year // 100 - 19)
        return IdentityError(
            "cccd_century",
            interpolate(
                _(
                    "Số CCCD cho biết năm sinh %(cccd)s nhưng ngày sinh đã nhập là năm %(dob)s: "
                    "người sinh năm %(dob)s có chữ số thứ tư là %(male)s (nam) hoặc "
                    "%(female)s (nữ)."
                ),
                {**params, "male": male, "female": male + 1},
            ),
        )
    return IdentityError(
        "cccd_birth_year",
        interpolate(
            _("Số CCCD cho biết năm sinh %(cccd)s nhưng ngày sinh đã nhập là năm %(dob)s."),
            params,
        ),
    )


def validate_cccd(number: str, date_of_birth: date | None = None, gender: str | None = None) -> str:
    if gender and gender not in GENDERS:
        raise ValueError(f"gender must be 'male' or 'female', not {gender!r}")
    parts = parse_cccd(number)
    if date_of_birth is not None and not parts.birth_year_matches(date_of_birth.year):
        raise _birth_year_error(parts, date_of_birth.year)
    if gender and gender != parts.gender:
        raise IdentityError(
            "cccd_gender",
            interpolate(
                _("Số CCCD cho biết giới tính %(cccd)s nhưng giới tính đã nhập là %(entered)s."),
                {"cccd": GENDERS[parts.gender], "entered": GENDERS[gender]},
            ),
        )
    return _compact(number)


def validate_cmnd(number: str) -> str:
    digits = _compact(number)
    if re.fullmatch(r"[0-9]{12}", digits):
        raise IdentityError(
            "cmnd_format", _("Số CMND có 9 chữ số; số 12 chữ số là CCCD, hãy chọn loại CCCD.")
        )
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise IdentityError("cmnd_format", _("Số CMND phải gồm đúng 9 chữ số."))
    return digits


def validate_passport(number: str) -> str:
    value = _compact(number)
    # Vietnamese passports are one letter and 7 digits; foreign ones vary, so only the shape
    # every passport shares is checked.
    if not re.fullmatch(r"[A-Za-z0-9]{6,12}", value) or not re.search(r"[0-9]", value):
        raise IdentityError(
            "passport_format",
            _("Số hộ chiếu gồm 6 đến 12 chữ cái và chữ số (hộ chiếu Việt Nam: 1 chữ cái và 7 số)."),
        )
    return value.upper()


def validate_driving_licence(number: str) -> str:
    digits = _compact(number)
    if not re.fullmatch(r"[0-9]{12}", digits):
        raise IdentityError("licence_format", _("Số giấy phép lái xe phải gồm đúng 12 chữ số."))
    return digits


def validate_student_card(number: str) -> str:
    # Hyphens belong to many schools' card numbers, so only spaces are dropped.
    value = "".join((number or "").split())
    if not re.fullmatch(r"[A-Za-z0-9\-]{4,20}", value) or not re.search(r"[0-9]", value):
        raise IdentityError(
            "student_card_format",
            _("Số thẻ học sinh, sinh viên gồm 4 đến 20 chữ cái, chữ số hoặc dấu gạch ngang."),
        )
    return value.upper()


OTHER_CHECKS = {
    "cmnd": validate_cmnd,
    "passport": validate_passport,
    "driving_licence": validate_driving_licence,
    "student_card": validate_student_card,
}


def validate_id(
    id_type: str, number: str, date_of_birth: date | None = None, gender: str | None = None
) -> str:
    if id_type not in ID_TYPES:
        raise IdentityError("id_type_unknown", _("Loại giấy tờ không hợp lệ."))
    if not (number or "").strip():
        raise IdentityError("empty", _("Hãy nhập số giấy tờ."))
    if id_type == "cccd":
        return validate_cccd(number, date_of_birth, gender)
    return OTHER_CHECKS[id_type](number)
