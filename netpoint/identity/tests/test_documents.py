import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.identity.fake import fake_cccd, fake_person
from netpoint.identity.provinces import CCCD_PROVINCES
from netpoint.identity.validators import (
    IdentityError,
    parse_cccd,
    validate_cccd,
    validate_id,
)

UNKNOWN_PROVINCES = sorted({f"{n:03d}" for n in range(1000)} - set(CCCD_PROVINCES))


def code_of(call):
    with pytest.raises(IdentityError) as err:
        call()
    return err.value.code


def test_there_are_63_province_codes():
    assert len(CCCD_PROVINCES) == 63
    assert CCCD_PROVINCES["001"] == "Hà Nội" and CCCD_PROVINCES["079"] == "Hồ Chí Minh"


@pytest.mark.parametrize("province", sorted(CCCD_PROVINCES))
def test_every_province_code_is_accepted(province):
    assert parse_cccd(f"{province}095123456").province_name == CCCD_PROVINCES[province]


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
def test_the_fourth_digit_gives_century_and_gender(digit, gender, century):
    parts = parse_cccd(f"079{digit}05123456")
    assert (parts.gender, parts.century_start, parts.birth_year) == (gender, century, century + 5)


def test_an_unknown_province_code_is_refused_and_named():
    with pytest.raises(IdentityError) as err:
        parse_cccd("003095123456")
    assert err.value.code == "cccd_province"
    assert str(err.value) == "Mã tỉnh 003 ở đầu số CCCD không tồn tại."


@pytest.mark.parametrize("number", ["07909512345", "0790951234567", ""])
def test_a_cccd_of_the_wrong_length_is_refused(number):
    assert code_of(lambda: parse_cccd(number)) in ("cccd_length", "empty")


def test_the_message_says_how_many_digits_were_typed():
    with pytest.raises(IdentityError, match="đã nhập 11"):
        parse_cccd("07909512345")


def test_letters_are_refused():
    assert code_of(lambda: parse_cccd("07909512345A")) == "cccd_length"


def test_spaces_and_dots_are_ignored():
    assert validate_cccd("079 095 123 456") == "079095123456"


def test_birth_year_must_agree_with_the_date_of_birth():
    assert validate_cccd("079095123456", date_of_birth=date(1995, 7, 1))
    with pytest.raises(IdentityError) as err:
        validate_cccd("079095123456", date_of_birth=date(1996, 7, 1))
    assert err.value.code == "cccd_birth_year"
    assert str(err.value) == "Số CCCD cho biết năm sinh 1995 nhưng ngày sinh đã nhập là năm 1996."


def test_the_century_matters_not_only_the_two_digits():
    assert validate_cccd("079205123456", date_of_birth=date(2005, 1, 1))
    assert code_of(lambda: validate_cccd("079005123456", date_of_birth=date(2005, 1, 1))) == (
        "cccd_birth_year"
    )


def test_gender_must_agree_when_given():
    assert validate_cccd("079195123456", gender="female")
    assert code_of(lambda: validate_cccd("079195123456", gender="male")) == "cccd_gender"


@pytest.mark.parametrize(
    ("id_type", "number", "expected"),
    [
        ("cmnd", "123456789", "123456789"),
        ("cmnd", "123 456 789", "123456789"),
        ("passport", "c1234567", "C1234567"),
        ("passport", "X12345678", "X12345678"),
        ("driving_licence", "790123456789", "790123456789"),
        ("student_card", "sv-2024-0012", "SV-2024-0012"),
    ],
)
def test_other_documents_are_accepted_and_normalised(id_type, number, expected):
    assert validate_id(id_type, number) == expected


@pytest.mark.parametrize(
    ("id_type", "number", "code"),
    [
        ("cmnd", "12345678", "cmnd_format"),
        ("cmnd", "12345678A", "cmnd_format"),
        ("passport", "ABCDEFG", "passport_format"),
        ("passport", "C12", "passport_format"),
        ("passport", "C1234567890123", "passport_format"),
        ("driving_licence", "79012345678", "licence_format"),
        ("student_card", "SV", "student_card_format"),
        ("student_card", "ABCDEF", "student_card_format"),
        ("visa", "123", "id_type_unknown"),
        ("cccd", "   ", "empty"),
    ],
)
def test_malformed_documents_are_refused_with_a_code(id_type, number, code):
    assert code_of(lambda: validate_id(id_type, number)) == code


def test_a_12_digit_number_typed_as_cmnd_points_to_cccd():
    with pytest.raises(IdentityError, match="hãy chọn loại CCCD"):
        validate_id("cmnd", "079095123456")


@given(
    st.dates(date(1900, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["male", "female"]),
    st.randoms(use_true_random=False),
)
def test_a_generated_cccd_validates_against_its_owner(dob, gender, rng):
    number = fake_cccd(rng, dob, gender)
    assert validate_cccd(number, date_of_birth=dob, gender=gender) == number


@given(st.sampled_from(UNKNOWN_PROVINCES), st.from_regex(r"\A[0-9]{9}\Z"))
def test_any_unknown_province_is_refused(province, rest):
    assert code_of(lambda: parse_cccd(province + rest)) == "cccd_province"


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.integers(1, 99))
def test_another_birth_year_fails_the_check(dob, shift):
    number = fake_cccd(random.Random(1), dob, "male")
    other = date(dob.year + shift if dob.year + shift < 2100 else dob.year - shift, 1, 1)
    assert code_of(lambda: validate_cccd(number, date_of_birth=other)) == "cccd_birth_year"


@given(st.randoms(use_true_random=False))
def test_generated_people_are_always_valid(rng):
    person = fake_person(rng)
    assert validate_cccd(person.cccd, person.date_of_birth, person.gender)
