import re
from datetime import date

import pytest
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.identity.validators import (
    ID_TYPES,
    IdentityError,
    validate_cmnd,
    validate_driving_licence,
    validate_id,
    validate_passport,
    validate_student_card,
)


def refusal(call, *args, **kwargs) -> IdentityError:
    with pytest.raises(IdentityError) as err:
        call(*args, **kwargs)
    return err.value


def test_id_types_have_vietnamese_labels():
    assert {code: str(label) for code, label in ID_TYPES.items()} == {
        "cccd": "Căn cước công dân / Căn cước (CCCD)",
        "cmnd": "Chứng minh nhân dân (CMND)",
        "passport": "Hộ chiếu",
        "driving_licence": "Giấy phép lái xe",
        "student_card": "Thẻ học sinh, sinh viên",
    }
    assert all(isinstance(label, Promise) for label in ID_TYPES.values())


@pytest.mark.parametrize(
    ("call", "number", "expected"),
    [
        (validate_cmnd, "123456789", "123456789"),
        (validate_cmnd, " 123 456 789 ", "123456789"),
        (validate_passport, "C1234567", "C1234567"),
        (validate_passport, "c 1234567", "C1234567"),
        (validate_passport, "X12345678", "X12345678"),
        (validate_passport, "123456", "123456"),
        (validate_passport, "AB12CD34EF56", "AB12CD34EF56"),
        (validate_driving_licence, "790123456789", "790123456789"),
        (validate_driving_licence, "7901 2345 6789", "790123456789"),
        (validate_student_card, "sv-2024-0012", "SV-2024-0012"),
        (validate_student_card, "B21DCCN123", "B21DCCN123"),
        (validate_student_card, "2024", "2024"),
        (validate_student_card, "SV 2024 0012", "SV20240012"),
    ],
)
def test_other_documents_are_accepted_and_normalised(call, number, expected):
    assert call(number) == expected


@pytest.mark.parametrize(
    ("call", "number", "code"),
    [
        (validate_cmnd, "12345678", "cmnd_format"),
        (validate_cmnd, "1234567890", "cmnd_format"),
        (validate_cmnd, "12345678A", "cmnd_format"),
        (validate_cmnd, "١٢٣٤٥٦٧٨٩", "cmnd_format"),
        (validate_passport, "ABCDEFG", "passport_format"),
        (validate_passport, "C1234", "passport_format"),
        (validate_passport, "C123456789012", "passport_format"),
        (validate_passport, "Đ1234567", "passport_format"),
        (validate_passport, "C123456/", "passport_format"),
        (validate_driving_licence, "79012345678", "licence_format"),
        (validate_driving_licence, "7901234567890", "licence_format"),
        (validate_driving_licence, "AB0123456789", "licence_format"),
        (validate_student_card, "SV1", "student_card_format"),
        (validate_student_card, "ABCDEF", "student_card_format"),
        (validate_student_card, "SV_2024", "student_card_format"),
        (validate_student_card, "SV-" + "1" * 18, "student_card_format"),
    ],
)
def test_malformed_other_documents_are_rejected(call, number, code):
    assert refusal(call, number).code == code


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (validate_cmnd, "Số CMND phải gồm đúng 9 chữ số."),
        (
            validate_passport,
            "Số hộ chiếu gồm 6 đến 12 chữ cái và chữ số (hộ chiếu Việt Nam: 1 chữ cái và 7 số).",
        ),
        (validate_driving_licence, "Số giấy phép lái xe phải gồm đúng 12 chữ số."),
        (
            validate_student_card,
            "Số thẻ học sinh, sinh viên gồm 4 đến 20 chữ cái, chữ số hoặc dấu gạch ngang.",
        ),
    ],
)
def test_other_document_messages_say_what_is_expected(call, message):
    assert str(refusal(call, "x")) == message


def test_cmnd_of_12_digits_points_to_cccd():
    err = refusal(validate_cmnd, "079095123456")
    assert err.code == "cmnd_format"
    assert str(err) == "Số CMND có 9 chữ số; số 12 chữ số là CCCD, hãy chọn loại CCCD."


@pytest.mark.parametrize(
    ("id_type", "number", "expected"),
    [
        ("cccd", "079 095 123 456", "079095123456"),
        ("cmnd", "123456789", "123456789"),
        ("passport", "c1234567", "C1234567"),
        ("driving_licence", "790123456789", "790123456789"),
        ("student_card", "sv-2024-0012", "SV-2024-0012"),
    ],
)
def test_validate_id_dispatches_on_the_type(id_type, number, expected):
    assert validate_id(id_type, number) == expected


def test_validate_id_checks_a_cccd_against_date_of_birth_and_gender():
    assert validate_id("cccd", "079095123456", date(1995, 1, 1), "male") == "079095123456"
    assert refusal(validate_id, "cccd", "079095123456", date(1996, 1, 1)).code == "cccd_birth_year"
    assert refusal(validate_id, "cccd", "079095123456", gender="female").code == "cccd_gender"


def test_validate_id_ignores_date_of_birth_for_documents_that_do_not_encode_it():
    assert validate_id("cmnd", "123456789", date(1995, 1, 1), "female") == "123456789"


@pytest.mark.parametrize("id_type", ["visa", "", "CCCD"])
def test_validate_id_rejects_unknown_type(id_type):
    err = refusal(validate_id, id_type, "123456789")
    assert (err.code, str(err)) == ("id_type_unknown", "Loại giấy tờ không hợp lệ.")


@pytest.mark.parametrize("id_type", list(ID_TYPES))
@pytest.mark.parametrize("number", ["", "   ", None])
def test_validate_id_asks_for_a_missing_number(id_type, number):
    err = refusal(validate_id, id_type, number)
    assert (err.code, str(err)) == ("empty", "Hãy nhập số giấy tờ.")


# Any text, and text near to a real number (digits, separators and look-alike characters).
TYPED = st.text(max_size=30) | st.text("0123456789 .-Acđ²٣０", max_size=16)


@given(st.sampled_from(list(ID_TYPES)), TYPED)
def test_validate_id_refuses_any_text_with_an_identity_error_or_stores_plain_ascii(id_type, text):
    try:
        normalised = validate_id(id_type, text)
    except IdentityError:
        return
    assert re.fullmatch(r"[A-Z0-9\-]+", normalised)
