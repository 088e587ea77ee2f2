"""The finders door: each installed app's `finders` module is asked; with no module installed,
the searches are answered by the provider core's own finders."""

from datetime import timedelta

import pytest

from netpoint.provider.authority import finding, search, services
from netpoint.provider.authority.finding import Query
from netpoint.provider.authority.tests.conftest import SEEN, approved

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def core_only(settings):
    """The provider's core apps without any module."""
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if ".modules." not in a]
    yield
    assert all(".modules." not in module.__name__ for module in finding.finders())


def test_the_door_is_each_installed_apps_finders_module(settings):
    names = [module.__name__ for module in finding.finders()]
    assert all(".modules." in name for name in names)
    installed = [app for app in settings.INSTALLED_APPS if ".modules." in app]
    for app in installed:
        has = f"{app}.finders" in names
        assert has == app.endswith((".games", ".wifi", ".nat")), app


def test_a_query_shows_no_personal_value():
    query = Query(
        "id_number", SEEN, SEEN, timedelta(hours=1), "cccd", "001099012345", "0912345678",
        "Nguyễn Văn An", "blind-index",
    )  # fmt: skip
    for value in ("001099012345", "0912345678", "Nguyễn", "blind-index"):
        assert value not in repr(query)


def test_without_modules_an_ip_and_port_is_searched_as_its_ip(world, core_only):
    request = services.decide(world["request"], world["officer"], approve=True)
    found = search.search(request, world["investigator"], "ip_port", "203.0.113.9:443", SEEN)
    names = sorted(person.full_name for person in found)
    assert names == sorted([world["somebody"].full_name, world["other"].full_name])


def test_without_modules_a_person_is_found_in_the_records_alone(world, core_only):
    somebody = world["somebody"]
    by_id = services.decide(world["request"], world["officer"], approve=True)
    by_phone = approved(world, "8/CAHN-PA05", phones=[somebody.phone])
    asked = ((by_id, "id_number", somebody.cccd), (by_phone, "phone", somebody.phone))
    for request, kind, value in asked:
        found = search.search(request, world["investigator"], kind, value, None)
        assert [(p.full_name, len(p.sessions)) for p in found] == [(somebody.full_name, 1)]
