"""Generated people for tests and the demo.

None of them is real: names are drawn from common parts and numbers are only well-formed.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from netpoint.common.identity.provinces import CCCD_PROVINCES

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
# Middle and given names never share a word, so no one is called "Nguyễn Ngọc Ngọc".
MIDDLE_NAMES = {
    "male": ["Văn", "Minh", "Đức", "Quốc", "Hữu", "Thành", "Gia", "Công"],
    "female": ["Thị", "Ngọc", "Thu", "Thanh", "Bảo", "Phương", "Khánh", "Hồng"],
}
GIVEN_NAMES = {
    "male": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khang",
        "Long",
        "Nam",
        "Phúc",
        "Quân",
        "Sơn",
        "Thắng",
        "Trung",
        "Tuấn",
        "Việt",
    ],
    "female": [
        "Anh",
        "Châu",
        "Dung",
        "Giang",
        "Hà",
        "Hạnh",
        "Hoa",
        "Lan",
        "Linh",
        "Mai",
        "Nhung",
        "Oanh",
        "Thảo",
        "Trang",
        "Vy",
        "Yến",
    ],
}
STREETS = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Phan Chu Trinh",
    "Điện Biên Phủ",
    "Nguyễn Trãi",
    "Quang Trung",
    "Hùng Vương",
]
# Ward and province as addresses are written since the 2025 reorganisation (no district).
PLACES = [
    "Phường Sài Gòn, Thành phố Hồ Chí Minh",
    "Phường Cửa Nam, Thành phố Hà Nội",
    "Phường Hải Châu, Thành phố Đà Nẵng",
    "Phường Ninh Kiều, Thành phố Cần Thơ",
    "Phường Hồng Bàng, Thành phố Hải Phòng",
    "Phường Thuận Hóa, Thành phố Huế",
]
# Mobile prefixes (after the leading 0) of Viettel, VinaPhone and MobiFone.
MOBILE_PREFIXES = [
    "86",
    "96",
    "97",
    "98",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "88",
    "91",
    "94",
    "81",
    "82",
    "83",
    "84",
    "85",
    "90",
    "93",
    "70",
    "76",
    "77",
    "78",
    "79",
]


@dataclass(frozen=True)
class FakePerson:
    full_name: str
    gender: str
    date_of_birth: date
    cccd: str
    phone: str
    address: str


def fake_cccd(
    rng: random.Random, date_of_birth: date, gender: str, province: str | None = None
) -> str:
    """A CCCD number that agrees with the birth year and gender; the province is random unless
    given."""
    if not 1900 <= date_of_birth.year < 2400 or gender not in ("male", "female"):
        raise ValueError("a CCCD encodes male or female, born from 1900 to 2399")
    province = province or rng.choice(sorted(CCCD_PROVINCES))
    century_digit = 2 * (date_of_birth.year // 100 - 19) + (1 if gender == "female" else 0)
    serial = rng.randrange(1_000_000)
    return f"{province}{century_digit}{date_of_birth.year % 100:02d}{serial:06d}"


def fake_person(
    rng: random.Random, date_of_birth: date | None = None, gender: str | None = None
) -> FakePerson:
    gender = gender or rng.choice(["male", "female"])
    if date_of_birth is None:
        # Born 1960-2011: the ages that come to an internet café, children included.
        date_of_birth = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 52))
    name = " ".join(
        [
            rng.choice(FAMILY_NAMES),
            rng.choice(MIDDLE_NAMES[gender]),
            rng.choice(GIVEN_NAMES[gender]),
        ]
    )
    return FakePerson(
        full_name=name,
        gender=gender,
        date_of_birth=date_of_birth,
        cccd=fake_cccd(rng, date_of_birth, gender),
        phone=f"+84{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}",
        address=f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, {rng.choice(PLACES)}",
    )


def person_event_data(person: FakePerson, local_id: int, guardian: int | None = None) -> dict:
    """What a point's `person.registered` event says of this person (events/schema.py)."""
    return {
        "person": local_id,
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth.isoformat(),
        "gender": person.gender,
        "id_type": "cccd",
        "id_number": person.cccd,
        "id_issued_on": None,
        "id_issued_by": "",
        "address": person.address,
        "phone": person.phone,
        "guardian": guardian,
        "guardian_relation": "Mẹ" if guardian else "",
    }


def fake_cccd_qr(person: FakePerson, issued_on: date, old_number: str = "") -> str:
    """What a USB scanner types for this generated person's chip CCCD."""
    gender = "Nam" if person.gender == "male" else "Nữ"
    return "|".join(
        [
            person.cccd,
            old_number,
            person.full_name,
            person.date_of_birth.strftime("%d%m%Y"),
            gender,
            person.address,
            issued_on.strftime("%d%m%Y"),
        ]
    )
