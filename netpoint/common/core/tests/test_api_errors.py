import json

import pytest
from django.test import RequestFactory
from ninja.errors import AuthenticationError

from netpoint.common.core.api import build_api
from netpoint.common.core.jsonbody import MAX_JSON_DEPTH


def test_a_caller_without_credentials_is_told_in_the_apis_words():
    api = build_api(title="Thử", urls_namespace="test-errors", unauthenticated="Hãy đăng nhập.")
    answer = api.on_exception(RequestFactory().get("/"), AuthenticationError())
    assert answer.status_code == 401
    assert json.loads(answer.content) == {"message": "Hãy đăng nhập."}


# Deeper than the limit, yet not so deep that json or pydantic would fail by themselves.
DEEP = json.dumps({"code": json.loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("urls", "path"),
    [("netpoint.point.urls", "/api/station/pair"), ("netpoint.provider.urls", "/api/v1/enroll")],
)
def test_a_json_body_nested_too_deep_is_refused_by_either_role(client, settings, urls, path):
    settings.ROOT_URLCONF = urls
    answer = client.post(path, DEEP, content_type="application/json")
    assert answer.status_code == 400
    assert answer.json()["message"] == "Nội dung gửi lên không phải JSON hợp lệ."
