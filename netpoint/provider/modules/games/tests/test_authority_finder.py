"""Online game accounts found under a written request (REQUIREMENTS D.4: the same mechanism as
B.5): by the ID or phone number in scope, with the play sessions in the request's period."""

from datetime import timedelta

import pytest

from netpoint.provider.authority import search, services
from netpoint.provider.authority.scope import SearchRefused
from netpoint.provider.authority.tests import conftest as authority
from netpoint.provider.authority.tests.conftest import NOW, SEEN, approved
from netpoint.provider.modules.games import services as games
from netpoint.provider.modules.games.models import ApiToken, Game, PlaySession
from netpoint.provider.modules.games.tests.conftest import account_data

pytestmark = pytest.mark.django_db

# The authority's tests' world (a police request over a point where two people were seen).
world, frozen_now = authority.world, authority.frozen_now


@pytest.fixture
def player(world):
    """`somebody` of the world also plays: an account under their CCCD and phone, a session
    inside the request's period and one before it."""
    somebody = world["somebody"]
    game = Game.objects.create(
        code="rong-vang",
        name_original="Golden Dragon",
        name_vi="Rồng Vàng",
        kind="nhập vai",
        origin="Việt Nam",
        age_rating="12+",
        licence_number="1/GP-PTTH",
    )
    token, _secret = games.issue_token(ApiToken.Kind.GAME_SERVER, "máy chủ 1", game)
    data = account_data(somebody.date_of_birth) | {
        "full_name": somebody.full_name,
        "gender": somebody.gender,
        "id_number": somebody.cccd,
        "phone": somebody.phone,
    }
    account = games.create_account("acc-somebody", data)
    for started in (SEEN, NOW - timedelta(days=45)):
        PlaySession.objects.create(
            token=token,
            ref=f"s-{started:%s}",
            game=game,
            account=account,
            minor=False,
            started_at=started,
            lease_until=started + timedelta(hours=1),
            last_seq=1,
            ended_at=started + timedelta(hours=1),
        )
    return account


def test_a_search_by_id_number_also_finds_their_game_account(world, player):
    request = services.decide(world["request"], world["officer"], approve=True)
    found = search.search(request, world["investigator"], "id_number", world["somebody"].cccd, None)
    (account,) = [f for f in found if f.sessions and f.sessions[0].point == "rong-vang"]
    assert (account.full_name, account.id_number) == (
        world["somebody"].full_name,
        world["somebody"].cccd,
    )
    assert [s.started_at for s in account.sessions] == [SEEN]  # not the one before the period


def test_a_search_by_phone_finds_the_account_registered_with_that_phone(world, player):
    request = approved(world, "7/CAHN-PA05", phones=[world["somebody"].phone])
    found = search.search(request, world["investigator"], "phone", world["somebody"].phone, None)
    played = [s.point for f in found if f.id_number == world["somebody"].cccd for s in f.sessions]
    assert "rong-vang" in played


def test_someone_else_s_number_finds_no_account(world, player):
    request = services.decide(world["request"], world["officer"], approve=True)
    with pytest.raises(SearchRefused):
        search.search(request, world["investigator"], "id_number", world["other"].cccd, None)
