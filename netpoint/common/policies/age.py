"""Ages in completed years, as the law counts them."""

from datetime import date


def _birthday_in(date_of_birth: date, year: int) -> date:
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        # Born on 29 February: the year is completed on 1 March in other years.
        return date(year, 3, 1)


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    return years - 1 if on < _birthday_in(date_of_birth, on.year) else years


def is_minor(date_of_birth: date, on: date, adult_age: int) -> bool:
    return age_on(date_of_birth, on) < adult_age


def needs_guardian(date_of_birth: date, on: date, guardian_age: int) -> bool:
    return age_on(date_of_birth, on) < guardian_age
