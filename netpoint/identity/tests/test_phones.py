import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.identity.fake import fake_person
from netpoint.identity.phones import format_mobile_local, normalize_mobile
from netpoint.identity.validators import IdentityError


@pytest.mark.parametrize(
    "raw", ["0912 345 678", "0912345678", "+84912345678", "84912345678", "+84 91 234 5678"]
)
def test_every_usual_way_of_writing_a_mobile_is_accepted(raw):
    assert normalize_mobile(raw) == "+84912345678"


@pytest.mark.parametrize("raw", ["0386 123 456", "0703 123 456", "0812 345 678"])
def test_newer_mobile_prefixes_are_accepted(raw):
    assert normalize_mobile(raw).startswith("+84")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("024 3826 1234", "phone_not_mobile"),
        ("+1 202 555 0143", "phone_not_mobile"),
        ("091234", "phone_invalid"),
        ("điện thoại", "phone_invalid"),
        ("", "phone_invalid"),
    ],
)
def test_landlines_foreign_numbers_and_garbage_are_refused(raw, code):
    with pytest.raises(IdentityError) as err:
        normalize_mobile(raw)
    assert err.value.code == code


def test_the_refusal_message_is_vietnamese():
    with pytest.raises(IdentityError, match="số di động Việt Nam"):
        normalize_mobile("024 3826 1234")


def test_local_display_format():
    assert format_mobile_local("+84912345678") == "0912 345 678"


@given(st.randoms(use_true_random=False))
def test_normalising_is_idempotent_on_generated_numbers(rng):
    phone = normalize_mobile(fake_person(rng).phone)
    assert normalize_mobile(phone) == phone
