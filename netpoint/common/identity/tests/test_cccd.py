import random
from dataclasses import FrozenInstanceError
from datetime import date

import pytest
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.identity.fake import fake_cccd
from netpoint.common.identity.provinces import CCCD_PROVINCES
from netpoint.common.identity.validators import CccdParts, IdentityError, parse_cccd, validate_cccd

# As listed in Thông tư 07/2016/TT-BCA.
THONG_TU_07_CODES = [
    "001",
    "002",
    "004",
    "006",
    "008",
    "010",
    "011",
    "012",
    "014",
    "015",
    "017",
    "019",
    "020",
    "022",
    "024",
    "025",
    "026",
    "027",
    "030",
    "031",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "040",
    "042",
    "044",
    "045",
    "046",
    "048",
    "049",
    "051",
    "052",
    "054",
    "056",
    "058",
    "060",
    "062",
    "064",
    "066",
    "067",
    "068",
    "070",
    "072",
    "074",
    "075",
    "077",
    "079",
    "080",
    "082",
    "083",
    "084",
    "086",
    "087",
    "089",
    "091",
    "092",
    "093",
    "094",
    "095",
    "096",
]
UNKNOWN_PROVINCES = sorted({f"{n:03d}" for n in range(1000)} - set(CCCD_PROVINCES))
BIRTH_DATES = st.dates(date(1900, 1, 1), date(2399, 12, 31))
GENDERS = st.sampled_from(["male", "female"])


def refusal(call, *args, **kwargs) -> IdentityError:
    with pytest.raises(IdentityError) as err:
        call(*args, **kwargs)
    return err.value


def test_province_codes_are_exactly_the_63_of_thong_tu_07():
    assert sorted(CCCD_PROVINCES) == THONG_TU_07_CODES
    assert len(CCCD_PROVINCES) == 63


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("001", "Hà Nội"),
        ("031", "Hải Phòng"),
        ("046", "Thừa Thiên Huế"),
        ("048", "Đà Nẵng"),
        ("066", "Đắk Lắk"),
        ("077", "Bà Rịa - Vũng Tàu"),
        ("079", "Hồ Chí Minh"),
        ("092", "Cần Thơ"),
        ("096", "Cà Mau"),
    ],
)
def test_province_codes_name_the_province_in_vietnamese(code, name):
    assert CCCD_PROVINCES[code] == name


@pytest.mark.parametrize("province", THONG_TU_07_CODES)
def test_cccd_accepts_every_province_code(province):
    parts = parse_cccd(f"{province}095123456")
    assert (parts.province_code, parts.province_name) == (province, CCCD_PROVINCES[province])


@pytest.mark.parametrize("province", ["000", "003", "005", "047", "097", "099", "100", "999"])
def test_cccd_rejects_unknown_province_code(province):
    assert refusal(parse_cccd, f"{province}095123456").code == "cccd_province"


def test_cccd_unknown_province_message_names_the_code():
    err = refusal(parse_cccd, "003095123456")
    assert str(err) == "Mã tỉnh 003 ở đầu số CCCD không tồn tại."


@pytest.mark.parametrize(
    ("digit", "gender", "century"),
    [
        ("0", "male", 1900),
        ("1", "female", 1900),
        ("2", "male", 2000),
        ("3", "female", 2000),
        ("4", "male", 2100),
        ("5", "female", 2100),
        ("6", "male", 2200),
        ("7", "female", 2200),
        ("8", "male", 2300),
        ("9", "female", 2300),
    ],
)
def test_cccd_fourth_digit_gives_century_and_gender(digit, gender, century):
    assert parse_cccd(f"079{digit}05123456") == CccdParts(
        province_code="079",
        province_name="Hồ Chí Minh",
        gender=gender,
        century_start=century,
        birth_year_2=5,
    )


def test_cccd_parts_know_the_birth_year():
    parts = parse_cccd("079305123456")
    assert parts.birth_year == 2005
    assert parts.birth_year_matches(2005)
    assert not parts.birth_year_matches(1905)
    assert not parts.birth_year_matches(2006)


def test_cccd_parts_cannot_be_changed():
    with pytest.raises(FrozenInstanceError):
        parse_cccd("079305123456").gender = "male"


@pytest.mark.parametrize(("number", "count"), [("07909512345", 11), ("0790951234567", 13)])
def test_cccd_of_wrong_length_says_how_many_digits_were_typed(number, count):
    err = refusal(parse_cccd, number)
    assert err.code == "cccd_length"
    assert str(err) == f"Số CCCD phải gồm đúng 12 chữ số (đã nhập {count})."


def test_cccd_of_9_digits_points_to_cmnd():
    err = refusal(parse_cccd, "123456789")
    assert err.code == "cccd_length"
    assert str(err) == "Số CCCD phải gồm đúng 12 chữ số; số 9 chữ số là CMND, hãy chọn loại CMND."


@pytest.mark.parametrize(
    "number",
    [
        "07909512345A",
        "O79095123456",  # a letter O for the zero
        "079095-12345x",
        "٠٧٩٠٩٥١٢٣٤٥٦",  # Arabic-Indic digits
        "０７９０９５１２３４５６",  # full-width digits
        "079²95123456",
    ],
)
def test_cccd_rejects_anything_but_ascii_digits(number):
    err = refusal(parse_cccd, number)
    assert err.code == "cccd_length"
    assert str(err) == "Số CCCD chỉ gồm chữ số."


@pytest.mark.parametrize(
    "number", ["079 095 123 456", " 079095123456 ", "079.095.123.456", "079\u00a0095\t123456"]
)
def test_cccd_spaces_and_separators_are_stripped(number):
    assert validate_cccd(number) == "079095123456"


@pytest.mark.parametrize("number", ["", "   "])
def test_cccd_empty_number_asks_for_one(number):
    err = refusal(parse_cccd, number)
    assert (err.code, str(err)) == ("empty", "Hãy nhập số giấy tờ.")


def test_cccd_agreeing_with_date_of_birth_and_gender_is_returned_normalised():
    assert validate_cccd("079 305 123 456", date(2005, 12, 31), "female") == "079305123456"


def test_cccd_birth_year_mismatch_says_both_years():
    err = refusal(validate_cccd, "079205123456", date_of_birth=date(2004, 3, 1))
    assert err.code == "cccd_birth_year"
    assert str(err) == "Số CCCD cho biết năm sinh 2005 nhưng ngày sinh đã nhập là năm 2004."


def test_cccd_born_2000_and_born_1900_share_two_digits_but_not_the_number():
    born_2000 = "001200123456"
    born_1900 = "001000123456"
    assert validate_cccd(born_2000, date_of_birth=date(2000, 6, 1))
    assert validate_cccd(born_1900, date_of_birth=date(1900, 6, 1))

    err = refusal(validate_cccd, born_1900, date_of_birth=date(2000, 6, 1))
    assert err.code == "cccd_century"
    assert str(err) == (
        "Số CCCD cho biết năm sinh 1900 nhưng ngày sinh đã nhập là năm 2000: "
        "người sinh năm 2000 có chữ số thứ tư là 2 (nam) hoặc 3 (nữ)."
    )
    err = refusal(validate_cccd, born_2000, date_of_birth=date(1900, 6, 1))
    assert err.code == "cccd_century"
    assert "có chữ số thứ tư là 0 (nam) hoặc 1 (nữ)." in str(err)


def test_cccd_century_mismatch_outside_the_encoded_centuries_is_a_birth_year_mismatch():
    err = refusal(validate_cccd, "079095123456", date_of_birth=date(1895, 1, 1))
    assert err.code == "cccd_birth_year"


def test_cccd_gender_mismatch_says_both_genders():
    err = refusal(validate_cccd, "079195123456", gender="male")
    assert err.code == "cccd_gender"
    assert str(err) == "Số CCCD cho biết giới tính nữ nhưng giới tính đã nhập là nam."
    assert validate_cccd("079195123456", gender="female") == "079195123456"


@pytest.mark.parametrize("gender", [None, ""])
def test_cccd_gender_is_checked_only_when_given(gender):
    assert validate_cccd("079195123456", gender=gender) == "079195123456"


def test_cccd_gender_other_than_male_or_female_is_a_programming_error():
    with pytest.raises(ValueError, match="gender must be"):
        validate_cccd("079195123456", gender="Nữ")


def test_cccd_message_is_lazy_so_it_follows_the_language_shown():
    err = refusal(parse_cccd, "003095123456")
    assert isinstance(err.message, Promise)
    assert str(err) == str(err.message)


@given(BIRTH_DATES, GENDERS, st.sampled_from(THONG_TU_07_CODES), st.randoms(use_true_random=False))
def test_fake_cccd_validates_against_its_date_of_birth_gender_and_province(
    dob, gender, province, rng
):
    number = fake_cccd(rng, dob, gender, province=province)
    assert validate_cccd(number, date_of_birth=dob, gender=gender) == number
    assert parse_cccd(number).province_code == province


@given(st.sampled_from(UNKNOWN_PROVINCES), st.from_regex(r"\A[0-9]{9}\Z"))
def test_cccd_with_unknown_province_is_always_rejected(province, rest):
    assert refusal(parse_cccd, province + rest).code == "cccd_province"


@given(BIRTH_DATES, GENDERS, st.integers(0, 99))
def test_cccd_with_other_year_digits_fails_the_date_of_birth_check(dob, gender, year_2):
    number = fake_cccd(random.Random(0), dob, gender)
    changed = f"{number[:4]}{year_2:02d}{number[6:]}"
    if year_2 == dob.year % 100:
        assert validate_cccd(changed, date_of_birth=dob) == changed
    else:
        assert refusal(validate_cccd, changed, date_of_birth=dob).code == "cccd_birth_year"


@given(BIRTH_DATES, GENDERS, st.sampled_from(range(0, 10, 2)))
def test_cccd_with_another_century_fails_the_date_of_birth_check(dob, gender, male_digit):
    number = fake_cccd(random.Random(0), dob, gender)
    digit = male_digit + int(number[3]) % 2  # same gender, any century
    changed = f"{number[:3]}{digit}{number[4:]}"
    if changed == number:
        assert validate_cccd(changed, date_of_birth=dob, gender=gender) == number
    else:
        err = refusal(validate_cccd, changed, date_of_birth=dob, gender=gender)
        assert err.code == "cccd_century"
