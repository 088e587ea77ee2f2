"""Checks of Vietnamese identity documents, with a specific Vietnamese message for each fault."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from netpoint.identity.provinces import CCCD_PROVINCES

ID_TYPES = {
    "cccd": _("Căn cước công dân / Căn cước (CCCD)"),
    "cmnd": _("Chứng minh nhân dân (CMND)"),
    "passport": _("Hộ chiếu"),
    "driving_licence": _("Giấy phép lái xe"),
    "student_card": _("Thẻ học sinh, sinh viên"),
}


class IdentityError(ValueError):
    def __init__(self, code: str, message):
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class CccdParts:
    province_code: str
    province_name: str
    gender: str  # "male" or "female"
    century_start: int  # 1900 for people born 1900-1999, and so on
    birth_year_2: int

    @property
    def birth_year(self) -> int:
        return self.century_start + self.birth_year_2

    def birth_year_matches(self, year: int) -> bool:
        return self.birth_year == year


def _compact(number: str) -> str:
    return re.sub(r"[\s.\-]", "", number or "")


def parse_cccd(number: str) -> CccdParts:
    digits = _compact(number)
    if not digits:
        raise IdentityError("empty", _("Hãy nhập số giấy tờ."))
    if not digits.isdigit():
        raise IdentityError("cccd_length", _("Số CCCD chỉ gồm chữ số."))
    if len(digits) != 12:
        raise IdentityError(
            "cccd_length",
            _("Số CCCD phải gồm đúng 12 chữ số (đã nhập %(count)s).") % {"count": len(digits)},
        )
    province = digits[:3]
    if province not in CCCD_PROVINCES:
        raise IdentityError(
            "cccd_province",
            _("Mã tỉnh %(code)s ở đầu số CCCD không tồn tại.") % {"code": province},
        )
    # The fourth digit encodes century and gender: 0/1 = 1900s, 2/3 = 2000s, … even = male.
    century_digit = int(digits[3])
    return CccdParts(
        province_code=province,
        province_name=CCCD_PROVINCES[province],
        gender="male" if century_digit % 2 == 0 else "female",
        century_start=1900 + 100 * (century_digit // 2),
        birth_year_2=int(digits[4:6]),
    )


def validate_cccd(number: str, date_of_birth: date | None = None, gender: str | None = None) -> str:
    parts = parse_cccd(number)
    if date_of_birth is not None and not parts.birth_year_matches(date_of_birth.year):
        raise IdentityError(
            "cccd_birth_year",
            _("Số CCCD cho biết năm sinh %(cccd)s nhưng ngày sinh đã nhập là năm %(dob)s.")
            % {"cccd": parts.birth_year, "dob": date_of_birth.year},
        )
    if gender and gender != parts.gender:
        raise IdentityError(
            "cccd_gender",
            _("Số CCCD là của người giới tính %(cccd)s, khác giới tính đã nhập.")
            % {"cccd": _("nam") if parts.gender == "male" else _("nữ")},
        )
    return _compact(number)


def validate_cmnd(number: str) -> str:
    digits = _compact(number)
    if len(digits) == 12 and digits.isdigit():
        raise IdentityError(
            "cmnd_format", _("Số CMND có 9 chữ số; số 12 chữ số là CCCD, hãy chọn loại CCCD.")
        )
    if not re.fullmatch(r"\d{9}", digits):
        raise IdentityError("cmnd_format", _("Số CMND phải gồm đúng 9 chữ số."))
    return digits


def validate_passport(number: str) -> str:
    value = _compact(number).upper()
    if not re.fullmatch(r"[A-Z0-9]{6,12}", value) or not re.search(r"\d", value):
        raise IdentityError(
            "passport_format",
            _("Số hộ chiếu gồm 6 đến 12 chữ cái và chữ số (hộ chiếu Việt Nam: 1 chữ cái và 7 số)."),
        )
    return value


def validate_driving_licence(number: str) -> str:
    digits = _compact(number)
    if not re.fullmatch(r"\d{12}", digits):
        raise IdentityError("licence_format", _("Số giấy phép lái xe phải gồm đúng 12 chữ số."))
    return digits


def validate_student_card(number: str) -> str:
    value = (number or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9\-]{4,20}", value) or not re.search(r"\d", value):
        raise IdentityError(
            "student_card_format",
            _("Số thẻ học sinh, sinh viên gồm 4 đến 20 chữ cái, chữ số hoặc dấu gạch ngang."),
        )
    return value


def validate_id(
    id_type: str, number: str, date_of_birth: date | None = None, gender: str | None = None
) -> str:
    if not (number or "").strip():
        raise IdentityError("empty", _("Hãy nhập số giấy tờ."))
    if id_type == "cccd":
        return validate_cccd(number, date_of_birth, gender)
    checks = {
        "cmnd": validate_cmnd,
        "passport": validate_passport,
        "driving_licence": validate_driving_licence,
        "student_card": validate_student_card,
    }
    if id_type not in checks:
        raise IdentityError("id_type_unknown", _("Loại giấy tờ không hợp lệ."))
    return checks[id_type](number)
