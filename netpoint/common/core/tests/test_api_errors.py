import json

from django.test import RequestFactory
from ninja.errors import AuthenticationError

from netpoint.common.core.api import build_api


def test_a_caller_without_credentials_is_told_in_the_apis_words():
    api = build_api(title="Thử", urls_namespace="test-errors", unauthenticated="Hãy đăng nhập.")
    answer = api.on_exception(RequestFactory().get("/"), AuthenticationError())
    assert answer.status_code == 401
    assert json.loads(answer.content) == {"message": "Hãy đăng nhập."}
