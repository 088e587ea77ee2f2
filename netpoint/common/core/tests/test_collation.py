"""Names in the order a Vietnamese dictionary gives them."""

from netpoint.common.core.collation import vietnamese_key


def ordered(*names: str) -> list[str]:
    return sorted(names, key=vietnamese_key)


def test_d_with_stroke_comes_right_after_d_not_after_z():
    assert ordered("Zing Speed", "Đế Chế", "Dota", "Em") == ["Dota", "Đế Chế", "Em", "Zing Speed"]


def test_the_letters_with_marks_follow_their_own_letter():
    assert ordered("Ân", "Ăn", "An", "Bá") == ["An", "Ăn", "Ân", "Bá"]
    assert ordered("Ưng", "Ơn", "Ông", "Ong", "Ung", "Vịt") == [
        "Ong",
        "Ông",
        "Ơn",
        "Ung",
        "Ưng",
        "Vịt",
    ]


def test_tones_come_after_the_letters_in_the_dictionarys_order():
    assert ordered("má", "mạ", "mã", "mà", "ma", "mả", "mác") == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
        "mác",
    ]


def test_case_does_not_change_the_order():
    assert ordered("bóng đá", "Bóng Bàn", "BÓNG CHUYỀN") == ["Bóng Bàn", "BÓNG CHUYỀN", "bóng đá"]


def test_composed_and_decomposed_spellings_sort_alike():
    composed, decomposed = "Đường Phố", "Đu\u031bo\u031b\u0300ng Pho\u0302\u0301"
    assert vietnamese_key(composed)[:2] == vietnamese_key(decomposed)[:2]
