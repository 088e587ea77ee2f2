import pytest
from django.template import Context, Template

from netpoint.common.money import cell_text, vnd


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        (0, "0 đ"),
        (500, "500 đ"),
        (19883, "19.883 đ"),
        (160350, "160.350 đ"),
        (1234567, "1.234.567 đ"),
    ],
)
def test_money_is_written_with_dots_between_thousands_and_a_dong_sign(amount, written):
    assert vnd(amount) == written


def test_a_refund_is_written_with_a_minus_sign():
    assert vnd(-20000) == "-20.000 đ"


def test_the_page_filter_writes_money_the_same_way():
    page = Template("{% load money %}{{ amount|vnd }}|{{ none|vnd }}").render(
        Context({"amount": 160350, "none": None})
    )
    assert page == "160.350 đ|"


def test_a_report_cell_writes_a_count_with_dots_and_leaves_words_as_they_are():
    assert (cell_text(1234567), cell_text("Quận 1"), cell_text(0)) == ("1.234.567", "Quận 1", "0")
