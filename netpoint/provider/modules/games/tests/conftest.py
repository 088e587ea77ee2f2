import random
from datetime import date

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.provider.modules.games import services
from netpoint.provider.modules.games.models import ApiToken, Game


@pytest.fixture
def make_game(db):
    def make(code: str = "rong-lua", rating: str = "12+", **fields) -> Game:
        values = {
            "name_original": "Dragon Fire",
            "name_vi": "Rồng Lửa",
            "kind": "Nhập vai (MMORPG)",
            "origin": "Hàn Quốc",
            "licence_number": "123/GP-PTTH&TTĐT",
        }
        return Game.objects.create(code=code, age_rating=rating, **(values | fields))

    return make


@pytest.fixture
def game(make_game):
    return make_game()


@pytest.fixture
def server_token(game):
    return services.issue_token(ApiToken.Kind.GAME_SERVER, "Cụm 1", game)


@pytest.fixture
def accounts_token(db):
    return services.issue_token(ApiToken.Kind.ACCOUNTS, "Hệ thống tài khoản")


def guardian_data(seed: int = 7) -> dict:
    parent = fake_person(random.Random(seed), date_of_birth=date(1980, 4, 4))
    return {
        "full_name": parent.full_name,
        "relation": "mẹ",
        "address": parent.address,
        "id_type": "cccd",
        "id_number": parent.cccd,
        "id_issued_on": date(2021, 5, 5),
        "id_issued_by": "Cục Cảnh sát QLHC về TTXH",
        "phone": parent.phone,
    }


def account_data(born: date, seed: int = 1) -> dict:
    person = fake_person(random.Random(seed), date_of_birth=born)
    data = {
        "full_name": person.full_name,
        "date_of_birth": born,
        "gender": person.gender,
        "address": person.address,
        "province_code": 1,
        "id_type": "cccd",
        "id_number": person.cccd,
        "id_issued_on": date(2024, 1, 2),
        "id_issued_by": "Cục Cảnh sát QLHC về TTXH",
        "phone": person.phone,
        "phone_verified": True,
        "guardian": None,
        "games": [],
    }
    return data


@pytest.fixture
def make_account(db):
    def make(ref: str = "acc-1", born: date = date(1995, 5, 5), seed: int = 1, **fields):
        data = account_data(born, seed) | fields
        if born > date(2010, 3, 10) and data["guardian"] is None and "guardian" not in fields:
            data["guardian"] = guardian_data(seed)
        return services.create_account(ref, data)

    return make


@pytest.fixture
def minor(make_account):
    # 15 at the conftest's MORNING (10 March 2026): a guardian is needed, limits apply.
    return make_account("minor-1", born=date(2010, 6, 1))


@pytest.fixture
def adult(make_account):
    return make_account("adult-1", born=date(1990, 1, 1), seed=2)
