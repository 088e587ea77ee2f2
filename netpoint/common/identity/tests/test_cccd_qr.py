import random
import unicodedata
from datetime import date

import pytest

from netpoint.common.identity.cccd_qr import CccdQr, parse_cccd_qr
from netpoint.common.identity.fake import fake_cccd_qr, fake_person
from netpoint.common.identity.validators import IdentityError

ISSUED = date(2021, 4, 12)


def person(seed: int = 3, gender: str = "female"):
    return fake_person(random.Random(seed), date_of_birth=date(1996, 8, 19), gender=gender)


def refusal(payload: str) -> IdentityError:
    with pytest.raises(IdentityError) as err:
        parse_cccd_qr(payload)
    return err.value


def test_a_generated_card_reads_back_as_its_person():
    who = person()
    card = parse_cccd_qr(fake_cccd_qr(who, ISSUED))
    assert card == CccdQr(
        number=who.cccd,
        old_number="",
        full_name=who.full_name,
        date_of_birth=who.date_of_birth,
        gender="female",
        address=who.address,
        issued_on=ISSUED,
    )


def test_the_old_cmnd_number_and_a_male_card_are_read():
    card = parse_cccd_qr(fake_cccd_qr(person(4, "male"), ISSUED, old_number="123456789"))
    assert (card.old_number, card.gender) == ("123456789", "male")


def test_fields_a_newer_card_adds_after_the_seventh_are_ignored():
    who = person()
    assert parse_cccd_qr(fake_cccd_qr(who, ISSUED) + "|extra|").number == who.cccd


def test_the_result_cannot_be_changed():
    card = parse_cccd_qr(fake_cccd_qr(person(), ISSUED))
    with pytest.raises(AttributeError):
        card.number = "0"


@pytest.mark.parametrize("cut", [1, 3, 6])
def test_a_truncated_payload_is_refused_as_not_read_in_full(cut):
    fields = fake_cccd_qr(person(), ISSUED).split("|")
    err = refusal("|".join(fields[:cut]))
    assert err.code == "qr_truncated"
    assert str(err) == "Mã QR đọc chưa đủ (thiếu thông tin); hãy quét lại mặt sau thẻ CCCD."


def test_a_payload_cut_inside_the_last_date_is_refused():
    err = refusal(fake_cccd_qr(person(), ISSUED)[:-3])
    assert str(err) == "Mã QR có ngày cấp không đúng dạng ngàythángnăm."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (0, "00109501234", "Mã QR không có số CCCD 12 chữ số; đây có phải thẻ CCCD?"),
        (1, "12345", "Mã QR có số CMND cũ không đúng 9 chữ số."),
        (2, "", "Mã QR không có họ và tên."),
        (3, "31022000", "Mã QR có ngày sinh không tồn tại."),
        (4, "Khác", "Mã QR có giới tính không phải Nam hoặc Nữ."),
        (5, "", "Mã QR không có nơi thường trú."),
        (6, "01011990", "Mã QR có ngày cấp trước ngày sinh."),
    ],
)
def test_a_malformed_field_is_refused_with_its_vietnamese_reason(field, value, message):
    fields = fake_cccd_qr(person(), ISSUED).split("|")
    fields[field] = value
    assert str(refusal("|".join(fields))) == message


def test_an_empty_scan_asks_to_scan_again():
    assert str(refusal("  ")) == "Chưa đọc được mã QR; hãy quét lại mặt sau thẻ CCCD."


def test_a_payload_in_decomposed_unicode_reads_as_the_composed_name():
    who = person()
    card = parse_cccd_qr(unicodedata.normalize("NFD", fake_cccd_qr(who, ISSUED)))
    assert card.full_name == unicodedata.normalize("NFC", who.full_name)
    assert card.gender == "female"
