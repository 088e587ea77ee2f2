import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.identity.fake import MOBILE_PREFIXES
from netpoint.common.identity.phones import format_mobile_local, normalize_mobile
from netpoint.common.identity.validators import IdentityError

INVALID = "Số điện thoại không hợp lệ; số di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678."


def refusal(raw) -> IdentityError:
    with pytest.raises(IdentityError) as err:
        normalize_mobile(raw)
    return err.value


@pytest.mark.parametrize(
    "raw",
    [
        "0912 345 678",
        "0912345678",
        "0912.345.678",
        "0912-345-678",
        "+84912345678",
        "+84 91 234 5678",
        "(+84) 912 345 678",
        "84912345678",
        "0084912345678",
        " 0912345678 ",
    ],
)
def test_phone_every_usual_way_of_writing_a_mobile_is_accepted(raw):
    assert normalize_mobile(raw) == "+84912345678"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0386 123 456", "+84386123456"),
        ("0703 123 456", "+84703123456"),
        ("0812 345 678", "+84812345678"),
        ("0868 123 456", "+84868123456"),
        ("0983 123 456", "+84983123456"),
    ],
)
def test_phone_prefixes_of_each_network_are_accepted(raw, e164):
    assert normalize_mobile(raw) == e164


@pytest.mark.parametrize("raw", ["024 3826 1234", "+84 24 3826 1234", "028 3829 5555"])
def test_phone_landline_is_rejected_as_not_mobile(raw):
    err = refusal(raw)
    assert err.code == "phone_not_mobile"
    assert str(err).startswith("Số 02")
    assert str(err).endswith(" không phải số di động; hãy nhập số di động, ví dụ 0912 345 678.")


def test_phone_landline_message_shows_the_number_the_local_way():
    assert str(refusal("+842438261234")) == (
        "Số 024 3826 1234 không phải số di động; hãy nhập số di động, ví dụ 0912 345 678."
    )


@pytest.mark.parametrize(("raw", "code"), [("+1 202 555 0143", "1"), ("+44 7911 123456", "44")])
def test_phone_foreign_number_is_rejected_naming_its_country_code(raw, code):
    err = refusal(raw)
    assert err.code == "phone_not_mobile"
    assert str(err) == f"Chỉ nhận số di động Việt Nam; số đã nhập có mã nước +{code}."


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        None,
        "091234",
        "09123456789012",
        "0529 123 456",  # a prefix no network uses
        "điện thoại",
        "0912 345 ABC",  # phonenumbers alone would read letters as a keypad word
        "0912345678 ext. 12",
        "0912345678 / 0987654321",
        "+84+84912345678",
    ],
)
def test_phone_garbage_and_empty_are_rejected_as_invalid(raw):
    err = refusal(raw)
    assert (err.code, str(err)) == ("phone_invalid", INVALID)


@pytest.mark.parametrize(
    ("e164", "local"), [("+84912345678", "0912 345 678"), ("+84386123456", "0386 123 456")]
)
def test_phone_is_shown_the_local_way(e164, local):
    assert format_mobile_local(e164) == local


# The 9 digits after +84, written the ways people write them.
NATIONAL_DIGITS = st.builds(
    str.__add__, st.sampled_from(MOBILE_PREFIXES), st.from_regex(r"\A[0-9]{7}\Z")
)
WRITINGS = [
    lambda n: f"0{n}",
    lambda n: f"0{n[:3]} {n[3:6]} {n[6:]}",
    lambda n: f"+84{n}",
    lambda n: f"+84 {n[:2]} {n[2:5]} {n[5:]}",
    lambda n: f"84{n}",
]


@given(NATIONAL_DIGITS, st.sampled_from(WRITINGS))
def test_phone_normalising_is_idempotent_and_round_trips_the_local_form(digits, write):
    e164 = normalize_mobile(write(digits))
    assert e164 == f"+84{digits}"
    assert normalize_mobile(e164) == e164
    assert normalize_mobile(format_mobile_local(e164)) == e164
