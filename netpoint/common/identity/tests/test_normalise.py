import pytest

from netpoint.common.identity.normalise import fold_name, normalise_id_number
from netpoint.common.identity.validators import validate_id


@pytest.mark.parametrize(
    "typed", ["001 095 012345", "001.095.012.345", "001-095-012345", " 001095012345 "]
)
def test_a_cccd_typed_as_the_card_prints_it_reads_as_its_digits(typed):
    assert normalise_id_number("cccd", typed) == "001095012345"


def test_the_normalised_number_is_what_the_validator_stores():
    assert normalise_id_number("cccd", "001 095 012345") == validate_id("cccd", "001 095 012345")
    assert normalise_id_number("cmnd", "123.456.789") == validate_id("cmnd", "123.456.789")


def test_a_student_card_keeps_its_hyphens():
    assert normalise_id_number("student_card", "sv-2024 0001") == "SV-20240001"


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("Đặng Thị Hạnh", "dang thi hanh"),
        ("ĐỖ  Quốc   Việt", "do quoc viet"),
        ("Huỳnh Thu Yến", "huynh thu yen"),
    ],
)
def test_a_name_folds_to_lower_case_without_accents_and_d_for_đ(name, folded):
    assert fold_name(name) == folded
