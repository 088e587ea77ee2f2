"""The one implementation of bearer API tokens (netpoint.common.tokens); the apps' own tests
check issuing, finding and revoking against their tables."""

import pytest
from django.test import RequestFactory
from ninja.errors import HttpError

from netpoint.common import tokens


def test_a_secret_is_long_random_and_names_what_it_opens():
    made = {tokens.new_secret("np_") for _ in range(100)}
    assert len(made) == 100
    assert all(s.startswith("np_") and len(s) == 3 + 43 for s in made)
    assert len(tokens.new_secret()) == 43


def test_only_a_hash_is_kept_and_compared_in_constant_time():
    secret = tokens.new_secret()
    kept = tokens.digest(secret)
    assert len(kept) == 64 and secret not in kept and kept == tokens.digest(secret)
    assert tokens.same_digest(kept, kept)
    assert not tokens.same_digest(kept, tokens.digest(tokens.new_secret()))
    assert not tokens.same_digest(kept, None)  # a station that was never paired


@pytest.mark.parametrize(
    ("header", "secret"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("BEARER abc", "abc"),
        ("", ""),
        ("Bearer", ""),
        ("Bearer ", ""),
        ("abc", ""),
        ("Basic YWI6Y2Q=", ""),
        ("Bearer " + "x" * (tokens.MAX_SECRET_LENGTH + 1), ""),
    ],
)
def test_the_secret_is_read_from_a_bearer_header_only(header, secret):
    assert tokens.bearer_secret(header) == secret


class Opens(tokens.TokenBearer):
    """Opens "right" only, and remembers what it was asked."""

    unauthorized = "Sai mã của phép thử."

    def __init__(self):
        super().__init__()
        self.asked = []

    def authenticate(self, request, token):
        self.asked.append(token)
        return "opened" if token == "right" else None


def test_a_bearer_answers_401_in_the_apps_words():
    auth = Opens()
    get = RequestFactory().get
    assert auth(get("/", HTTP_AUTHORIZATION="Bearer right")) == "opened"
    for header in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": "right"}):
        with pytest.raises(HttpError) as refused:
            auth(get("/", **header))
        assert refused.value.status_code == 401 and str(refused.value) == "Sai mã của phép thử."
    # Without a bearer secret nothing is looked up.
    assert auth.asked == ["right", "wrong"]


def test_a_bearer_without_its_own_words_uses_the_common_message():
    class Plain(tokens.TokenBearer):
        def authenticate(self, request, token):
            return None

    with pytest.raises(HttpError) as refused:
        Plain()(RequestFactory().get("/"))
    assert "Bearer" in str(refused.value)
