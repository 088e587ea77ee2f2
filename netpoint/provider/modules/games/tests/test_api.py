import json
from datetime import date, timedelta

import pytest

from netpoint.common.sealing.crypto import unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.provider.modules.games.accounts import ID_COLUMN
from netpoint.provider.modules.games.models import Account, AccountRevision, PlayDay, PlaySession
from netpoint.provider.modules.games.tests.conftest import account_data, guardian_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("netpoint.provider.urls")]


def call(client, secret, method, path, body=None, raw=None):
    data = raw if raw is not None else json.dumps(body, default=str)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    if method == "get":
        return client.get(f"/api/v1/games/{path}", **headers)
    return getattr(client, method)(
        f"/api/v1/games/{path}", data=data, content_type="application/json", **headers
    )


def new_account(ref="acc-1", born=date(1995, 5, 5), **fields):
    return {"ref": ref} | account_data(born) | {"guardian": None} | fields


@pytest.fixture
def accounts_secret(accounts_token):
    return accounts_token[1]


@pytest.fixture
def server_secret(server_token):
    return server_token[1]


def test_an_account_is_created_with_sealed_numbers(client, clock, accounts_secret, game):
    body = new_account(games=[game.code])
    answer = call(client, accounts_secret, "post", "accounts", body)
    assert answer.status_code == 201, answer.json()
    assert answer.json() | {"revisions": 0} == {
        "ref": "acc-1",
        "minor": False,
        "needs_guardian": False,
        "has_guardian": False,
        "phone_verified": True,
        "closed": False,
        "revisions": 0,
        "changed": [],
    }
    account = Account.objects.get()
    assert body["id_number"] not in account.id_number_sealed
    assert unseal(account.id_number_sealed, ID_COLUMN, key_ring()) == body["id_number"]
    assert list(account.games.all()) == [game]


def test_an_update_takes_effect_at_once_and_keeps_the_history(client, clock, accounts_secret):
    call(client, accounts_secret, "post", "accounts", new_account())
    answer = call(
        client, accounts_secret, "patch", "accounts/acc-1", {"address": "5 Phố Mới, Hà Nội"}
    )
    assert answer.status_code == 200 and answer.json()["changed"] == ["address"]
    account = Account.objects.get()
    assert account.address == "5 Phố Mới, Hà Nội"
    (revision,) = AccountRevision.objects.all()
    assert revision.changed_fields == ["address"] and revision.before["address"] != account.address


def test_a_new_phone_number_is_unverified_until_the_operator_says_so(
    client, clock, accounts_secret
):
    call(client, accounts_secret, "post", "accounts", new_account())
    answer = call(client, accounts_secret, "patch", "accounts/acc-1", {"phone": "0912345678"})
    assert answer.json()["phone_verified"] is False
    answer = call(client, accounts_secret, "patch", "accounts/acc-1", {"phone_verified": True})
    assert answer.json()["phone_verified"] is True


def test_a_player_under_the_guardian_age_is_registered_with_a_guardian(
    client, clock, accounts_secret
):
    child = new_account(born=date(2012, 2, 2))
    answer = call(client, accounts_secret, "post", "accounts", child)
    assert answer.status_code == 422 and "giám hộ" in answer.json()["message"]
    child["guardian"] = guardian_data()
    answer = call(client, accounts_secret, "post", "accounts", child)
    assert answer.status_code == 201 and answer.json()["has_guardian"]
    assert answer.json()["minor"] and answer.json()["needs_guardian"]
    answer = call(client, accounts_secret, "patch", "accounts/acc-1", {"guardian": None})
    assert answer.status_code == 422 and Account.objects.get().guardian_name


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"id_number": "12345"}, "id_number"),
        ({"phone": "12"}, "phone"),
        ({"date_of_birth": "2030-01-01"}, "date_of_birth"),
        ({"date_of_birth": "ngày mai"}, "date_of_birth"),
        ({"province_code": 998}, "province_code"),
        ({"gender": "x"}, "gender"),
        ({"id_type": "the-bay"}, "id_type"),
        ({"full_name": "Nguyễn\x00Văn"}, "full_name"),
        ({"full_name": "   "}, "full_name"),
        ({"ref": "a/b"}, "ref"),
        ({"ref": "x" * 65}, "ref"),
        ({"games": ["khong-co"]}, "khong-co"),
        ({"id_issued_on": "2099-01-01"}, "id_issued_on"),
        ({"guardian": {"full_name": "Mẹ"}}, "guardian"),
        ({"address": "a" * 301}, "address"),
    ],
)
def test_bad_account_data_is_refused_and_nothing_is_written(
    client, clock, accounts_secret, fields, words
):
    answer = call(client, accounts_secret, "post", "accounts", new_account() | fields)
    assert answer.status_code == 422, answer.json()
    assert words in answer.json()["message"]
    assert not Account.objects.exists()


def test_a_mistyped_field_is_refused_by_its_name_and_nothing_is_written(
    client, clock, accounts_secret
):
    body = new_account()
    body["phone_verfied"] = body.pop("phone_verified", True)
    answer = call(client, accounts_secret, "post", "accounts", body)
    assert answer.status_code == 422
    assert "không được hỗ trợ: phone_verfied" in answer.json()["message"]
    assert not Account.objects.exists()


def test_a_missing_field_is_named(client, clock, accounts_secret):
    body = new_account()
    del body["id_number"]
    answer = call(client, accounts_secret, "post", "accounts", body)
    assert answer.status_code == 422 and "id_number" in answer.json()["message"]


def test_a_body_that_is_not_json_is_refused(client, clock, accounts_secret, server_secret):
    assert call(client, accounts_secret, "post", "accounts", raw="{nope").status_code == 400
    answer = call(client, server_secret, "post", "heartbeats", raw="[")
    assert answer.status_code == 400 and "JSON" in answer.json()["message"]


def test_the_same_account_twice_is_a_conflict(client, clock, accounts_secret):
    call(client, accounts_secret, "post", "accounts", new_account())
    answer = call(
        client, accounts_secret, "post", "accounts", new_account(full_name="Trần Thị Khác")
    )
    assert answer.status_code == 409 and Account.objects.count() == 1


def test_a_bad_update_changes_nothing(client, clock, accounts_secret):
    call(client, accounts_secret, "post", "accounts", new_account())
    before = Account.objects.get()
    for change in [{"phone": "abc"}, {"full_name": None}, {"id_number": "1"}, {"games": ["x"]}]:
        answer = call(client, accounts_secret, "patch", "accounts/acc-1", change)
        assert answer.status_code == 422, change
    after = Account.objects.get()
    assert (after.phone_sealed, after.full_name) == (before.phone_sealed, before.full_name)
    assert not AccountRevision.objects.exists()


def test_unknown_and_closed_accounts(client, clock, accounts_secret):
    assert call(client, accounts_secret, "patch", "accounts/nope", {}).status_code == 404
    assert call(client, accounts_secret, "get", "accounts/nope").status_code == 404
    assert call(client, accounts_secret, "post", "accounts/nope/close").status_code == 404
    call(client, accounts_secret, "post", "accounts", new_account())
    assert call(client, accounts_secret, "post", "accounts/acc-1/close").json()["closed"]
    answer = call(client, accounts_secret, "patch", "accounts/acc-1", {"address": "Mới"})
    assert answer.status_code == 409


def test_every_call_needs_the_right_token(client, clock, accounts_secret, server_secret):
    for secret in ["", "np_wrong", server_secret]:
        answer = call(client, secret, "post", "accounts", new_account())
        assert answer.status_code == 401 and "Bearer" in answer.json()["message"]
    for path in ["sessions/start", "sessions/heartbeat", "sessions/stop", "heartbeats"]:
        answer = call(client, accounts_secret, "post", path, {})
        assert answer.status_code == 401, path


def test_play_over_http_start_beat_stop(client, clock, server_secret, minor):
    answer = call(
        client, server_secret, "post", "sessions/start", {"session": "g1", "account": minor.ref}
    )
    assert answer.status_code == 200 and answer.json()["play"]
    clock.advance(timedelta(seconds=60))
    answer = call(client, server_secret, "post", "sessions/heartbeat", {"session": "g1", "seq": 1})
    assert answer.json()["minutes_played_today"] == 1 and answer.json()["reward_percent"] == 100
    answer = call(client, server_secret, "post", "sessions/stop", {"session": "g1", "seq": 2})
    assert answer.json()["end_reason"] == "stopped"
    assert PlayDay.objects.get().seconds == 60


def test_bad_play_time_calls(client, clock, server_secret, minor, adult):
    start = {"session": "g1", "account": minor.ref}
    assert (
        call(client, server_secret, "post", "sessions/start", start | {"account": "x"}).status_code
        == 404
    )
    assert (
        call(client, server_secret, "post", "sessions/start", start | {"seq": -1}).status_code
        == 422
    )
    assert (
        call(client, server_secret, "post", "sessions/start", {"session": "g1"}).status_code == 422
    )
    call(client, server_secret, "post", "sessions/start", start)
    answer = call(client, server_secret, "post", "sessions/start", start | {"account": adult.ref})
    assert answer.status_code == 409
    beat = {"session": "nope", "seq": 1}
    assert call(client, server_secret, "post", "sessions/heartbeat", beat).status_code == 404
    assert call(client, server_secret, "post", "sessions/stop", beat).status_code == 404
    bad = {"session": "g1", "seq": "một"}
    assert call(client, server_secret, "post", "sessions/heartbeat", bad).status_code == 422
    assert call(client, server_secret, "post", "sessions/heartbeat", [1]).status_code == 422
    assert PlaySession.objects.count() == 1


def test_a_batch_answers_each_heartbeat(client, clock, server_secret, minor, adult):
    for ref, account in [("g1", minor), ("g2", adult)]:
        call(
            client,
            server_secret,
            "post",
            "sessions/start",
            {"session": ref, "account": account.ref},
        )
    clock.advance(timedelta(seconds=60))
    beats = [{"session": "g1", "seq": 1}, {"session": "g2", "seq": 1}, {"session": "x", "seq": 1}]
    answer = call(client, server_secret, "post", "heartbeats", {"heartbeats": beats})
    first, second, unknown = answer.json()["answers"]
    assert first["minutes_left_game"] == 59 and second["minutes_left_game"] is None
    assert "error" in unknown
    again = call(client, server_secret, "post", "heartbeats", {"heartbeats": beats})
    assert again.json()["answers"][:2] == [first, second]


def test_bad_batches_are_refused_whole(client, clock, server_secret, minor, settings):
    call(client, server_secret, "post", "sessions/start", {"session": "g1", "account": minor.ref})
    charged = PlayDay.objects.get().seconds
    clock.advance(timedelta(seconds=60))
    good = {"session": "g1", "seq": 1}
    for body in [
        {"heartbeats": []},
        {"heartbeats": [good, {"session": "g1"}]},
        {"heartbeats": [good, {"session": "", "seq": 2}]},
        {"heartbeats": "g1"},
        {},
    ]:
        assert call(client, server_secret, "post", "heartbeats", body).status_code == 422, body
    settings.NETPOINT_GAMES = {"max_batch_heartbeats": 2}
    answer = call(client, server_secret, "post", "heartbeats", {"heartbeats": [good] * 3})
    assert answer.status_code == 413 and "2" in answer.json()["message"]
    assert PlayDay.objects.get().seconds == charged
    assert PlaySession.objects.get().last_seq == 0
