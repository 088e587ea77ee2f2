import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.identity.fake import (
    FAMILY_NAMES,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    fake_cccd,
    fake_person,
)
from netpoint.common.identity.phones import normalize_mobile
from netpoint.common.identity.validators import validate_cccd

RNGS = st.randoms(use_true_random=False)


@given(RNGS)
def test_fake_person_always_has_valid_and_consistent_data(rng):
    person = fake_person(rng)
    family, middle, given_name = person.full_name.split(" ")
    assert family in FAMILY_NAMES
    assert middle in MIDDLE_NAMES[person.gender]
    assert given_name in GIVEN_NAMES[person.gender]
    assert validate_cccd(person.cccd, person.date_of_birth, person.gender) == person.cccd
    assert normalize_mobile(person.phone) == person.phone
    assert date(1960, 1, 1) <= person.date_of_birth < date(2012, 1, 1)
    assert person.address.split(" ")[0].isdigit() and ", Phường " in person.address


@given(RNGS, st.dates(date(1900, 1, 1), date(2399, 12, 31)), st.sampled_from(["male", "female"]))
def test_fake_person_keeps_a_forced_date_of_birth_and_gender(rng, dob, gender):
    person = fake_person(rng, date_of_birth=dob, gender=gender)
    assert (person.date_of_birth, person.gender) == (dob, gender)
    assert validate_cccd(person.cccd, dob, gender) == person.cccd


def test_fake_person_is_the_same_for_the_same_seed():
    assert fake_person(random.Random(5)) == fake_person(random.Random(5))


def test_fake_names_carry_vietnamese_diacritics():
    names = {fake_person(random.Random(seed)).full_name for seed in range(50)}
    assert any(not name.isascii() for name in names)


@pytest.mark.parametrize(
    ("dob", "gender"), [(date(1899, 12, 31), "male"), (date(2400, 1, 1), "female")]
)
def test_fake_cccd_refuses_a_birth_year_a_cccd_cannot_encode(dob, gender):
    with pytest.raises(ValueError, match="1900 to 2399"):
        fake_cccd(random.Random(1), dob, gender)


def test_fake_cccd_refuses_an_unknown_gender():
    with pytest.raises(ValueError, match="male or female"):
        fake_cccd(random.Random(1), date(2000, 1, 1), "other")
