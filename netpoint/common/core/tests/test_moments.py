"""The `moment` filter writes what Django's `date` filter writes, in Vietnam's time."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

FORMATS = ["H:i d/m/Y", "d/m/Y", "H:i", "H:i:s d/m/Y", "d/m H:i", "H:i:s"]
INSTANTS = [
    datetime(2026, 12, 1, 16, 59, 59, tzinfo=UTC),  # 23:59:59 in Hà Nội
    datetime(2026, 12, 1, 17, 0, 0, tzinfo=UTC),  # midnight there, a new day
    datetime(2027, 1, 5, 3, 7, 9, tzinfo=UTC),
]


def rendered(source: str, value) -> str:
    return Template("{% load moments %}" + source).render(Context({"v": value}))


@pytest.mark.parametrize("instant", INSTANTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_moment_is_written_as_djangos_date_filter_writes_it(fmt, instant):
    assert rendered(f'{{{{ v|moment:"{fmt}" }}}}', instant) == rendered(
        f'{{{{ v|date:"{fmt}" }}}}', instant
    )


def test_a_moment_is_in_vietnams_time():
    assert rendered('{{ v|moment:"H:i d/m/Y" }}', INSTANTS[1]) == "00:00 02/12/2026"


def test_a_day_is_written_too():
    assert rendered('{{ v|moment:"d/m/Y" }}', date(2010, 3, 9)) == "09/03/2010"


@pytest.mark.parametrize("nothing", [None, ""])
def test_no_moment_writes_nothing(nothing):
    assert rendered('{{ v|moment:"H:i d/m/Y" }}', nothing) == ""


def test_a_format_it_cannot_write_is_refused_not_written_wrong():
    with pytest.raises(ValueError, match="D"):
        rendered('{{ v|moment:"D d/m" }}', INSTANTS[0])
