from datetime import date

import pytest

from netpoint.common.policies.age import age_on, is_minor, needs_guardian


def test_turning_18_today_is_adult_today():
    assert not is_minor(date(2008, 3, 10), date(2026, 3, 10), 18)


def test_the_day_before_the_18th_birthday_is_minor():
    assert is_minor(date(2008, 3, 10), date(2026, 3, 9), 18)


@pytest.mark.parametrize(
    ("on", "age"),
    [(date(2027, 2, 28), 2), (date(2027, 3, 1), 3), (date(2028, 2, 28), 3), (date(2028, 2, 29), 4)],
)
def test_born_on_29_february_completes_a_year_on_1_march(on, age):
    assert age_on(date(2024, 2, 29), on) == age


def test_guardian_age_is_a_parameter():
    child = date(2011, 6, 1)
    on = date(2026, 3, 10)  # 14 years old
    assert needs_guardian(child, on, 16)
    assert not needs_guardian(child, on, 14)


def test_age_on_the_day_of_birth_is_zero():
    assert age_on(date(2026, 3, 10), date(2026, 3, 10)) == 0
