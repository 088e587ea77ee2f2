"""Searches by phone whichever way the number is written, and by name only at the request's
points (issue 24, reproduction 6)."""

import random
from dataclasses import replace

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import search
from netpoint.provider.authority.tests.conftest import SEEN, approved

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def written(e164: str) -> dict[str, str]:
    """ "+84987654321" as people write it."""
    national = "0" + e164[3:]
    return {
        "e164": e164,
        "national": national,
        "spaced": f"{national[:4]} {national[4:7]} {national[7:]}",
        "country_code_without_plus": e164[1:],
    }


@pytest.mark.parametrize("form", ["e164", "national", "spaced", "country_code_without_plus"])
def test_a_phone_written_any_way_is_in_scope_and_finds_its_person(world, form):
    somebody = world["somebody"]
    request = approved(world, "130/CAHN-PA05", phones=[written(somebody.phone)["national"]])
    asked = written(somebody.phone)[form]
    found = search.search(request, world["investigator"], "phone", asked, None)
    assert [(f.full_name, f.phone) for f in found] == [(somebody.full_name, somebody.phone)]


@pytest.mark.parametrize("form", ["national", "spaced", "country_code_without_plus"])
def test_a_request_naming_a_phone_any_way_covers_it_in_e164(world, form):
    somebody = world["somebody"]
    request = approved(world, "131/CAHN-PA05", phones=[written(somebody.phone)[form]])
    found = search.search(request, world["investigator"], "phone", somebody.phone, None)
    assert [f.full_name for f in found] == [somebody.full_name]


@pytest.fixture
def namesake_elsewhere(world, provider_point, seen_at_point):
    """Someone of the same name as the world's `somebody`, seen at a point the request does
    not name."""
    elsewhere = provider_point("HN-0002", public_ips=["203.0.113.10"])
    namesake = replace(fake_person(random.Random(7)), full_name=world["somebody"].full_name)
    seen_at_point(namesake, elsewhere, "M09", SEEN, local_id=9)
    return namesake


def test_a_name_search_finds_no_one_at_a_point_outside_the_requests_points(
    world, namesake_elsewhere
):
    somebody = world["somebody"]
    request = approved(world, "132/CAHN-PA05", names=[somebody.full_name], point_codes=["HN-0001"])
    found = search.search(request, world["investigator"], "name", somebody.full_name, None)
    assert [f.id_number for f in found] == [somebody.cccd]
    assert [s.point for s in found[0].sessions] == ["HN-0001"]


def test_a_name_search_names_no_one_seen_only_outside_the_requests_points(
    world, namesake_elsewhere, provider_point
):
    provider_point("HN-0003", public_ips=["203.0.113.11"])
    request = approved(
        world, "133/CAHN-PA05", names=[namesake_elsewhere.full_name], point_codes=["HN-0003"]
    )
    found = search.search(
        request, world["investigator"], "name", namesake_elsewhere.full_name, None
    )
    assert found == []
