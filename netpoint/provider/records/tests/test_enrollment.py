from datetime import timedelta

import pytest

from netpoint.common.events import signing
from netpoint.provider.records.tests.conftest import b64
from netpoint.provider.registry import services as registry
from netpoint.provider.registry.models import PointKey

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


@pytest.fixture
def point(provider_point):
    return provider_point(
        "DN-0007", name="Điểm Đà Nẵng", point_type="internet", province_code=48, ward_code=20194
    )


def enroll(client, code, public_key=None):
    public_key = public_key or b64(signing.public_key_of(signing.new_private_key()))
    return client.post(
        "/api/v1/enroll",
        data={"code": code, "public_key": public_key, "software_version": "0.1.0"},
        content_type="application/json",
    )


def test_a_code_is_exchanged_once_for_the_points_key(client, point):
    code = registry.issue_enrollment_code(point)
    answer = enroll(client, code.lower())
    assert answer.status_code == 200
    said = answer.json()
    assert (said["point"], said["name"]) == ("DN-0007", "Điểm Đà Nẵng")
    assert PointKey.objects.get(point=point).software_version == "0.1.0"
    again = enroll(client, code)
    assert again.status_code == 403
    assert "Mã đăng ký" in again.json()["message"]


def test_an_unknown_field_is_refused_by_its_name_and_the_code_still_works(client, point):
    code = registry.issue_enrollment_code(point)
    public_key = b64(signing.public_key_of(signing.new_private_key()))
    answer = client.post(
        "/api/v1/enroll",
        data={"code": code, "public_key": public_key, "sofware_version": "0.1.0"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "không được hỗ trợ: sofware_version" in answer.json()["message"]
    assert enroll(client, code).status_code == 200


def test_an_expired_code_is_refused(client, point, clock):
    code = registry.issue_enrollment_code(point)
    clock.advance(timedelta(hours=73))
    assert enroll(client, code).status_code == 403


def test_a_new_code_replaces_the_unused_one(client, point):
    first = registry.issue_enrollment_code(point)
    second = registry.issue_enrollment_code(point)
    assert enroll(client, first).status_code == 403
    assert enroll(client, second).status_code == 200


@pytest.mark.parametrize(
    "public_key", ["!" * 44, "Ú" * 44, b64(b"x" * 31), b64(b"x" * 31)[:-1] + "\0"]
)
def test_a_malformed_key_is_refused_and_the_code_still_works(client, point, public_key):
    code = registry.issue_enrollment_code(point)
    answer = enroll(client, code, public_key)
    assert answer.status_code == 422
    assert answer.json()["message"]
    assert not PointKey.objects.exists()
    assert enroll(client, code).status_code == 200


def test_guessing_codes_is_stopped(client, point):
    for _ in range(10):
        assert enroll(client, "AAAA-BBBB-CCCC").status_code == 403
    assert enroll(client, registry.issue_enrollment_code(point)).status_code == 429
