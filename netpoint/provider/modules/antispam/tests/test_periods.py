from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from netpoint.provider.modules.antispam import periods


def test_the_may_report_covers_november_to_april():
    assert periods.period_for(date(2026, 5, 15), 6) == (date(2025, 11, 1), date(2026, 4, 30))


def test_the_november_report_covers_may_to_october():
    assert periods.period_for(date(2026, 11, 15), 6) == (date(2026, 5, 1), date(2026, 10, 31))


def test_the_previous_period_ends_the_day_before():
    assert periods.previous(date(2026, 5, 1), 6) == (date(2025, 11, 1), date(2026, 4, 30))


def test_due_dates_of_a_year():
    dues = periods.dues_between(date(2026, 1, 1), date(2027, 12, 31), [(5, 15), (11, 15)])
    assert dues == [date(2026, 5, 15), date(2026, 11, 15), date(2027, 5, 15), date(2027, 11, 15)]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_consecutive_periods_touch(due):
    start, end = periods.period_for(due, 6)
    before_start, before_end = periods.previous(start, 6)
    assert (start - before_end).days == 1 and before_start < start <= end


def test_change_is_signed_percent_with_a_decimal_comma():
    assert periods.change(150, 100) == "+50,0%"
    assert periods.change(75, 100) == "-25,0%"
    assert periods.change(100, 100) == "0%"
    assert periods.change(5, 0) == "—"
    assert periods.change(0, 0) == "0%"


DUES = [(5, 15), (11, 15)]


def test_an_opt_out_of_3_november_belongs_to_the_period_due_15_may():
    assert periods.period_of(date(2025, 11, 3), DUES, 6) == (date(2025, 11, 1), date(2026, 4, 30))


def test_a_year_from_november_is_two_closed_half_years():
    assert periods.split(date(2025, 11, 1), date(2026, 10, 31), DUES, 6) == [
        (date(2025, 11, 1), date(2026, 4, 30)),
        (date(2026, 5, 1), date(2026, 10, 31)),
    ]


def test_a_range_off_the_period_bounds_does_not_split():
    assert periods.split(date(2025, 11, 2), date(2026, 4, 30), DUES, 6) is None
    assert periods.split(date(2025, 11, 1), date(2026, 4, 29), DUES, 6) is None
