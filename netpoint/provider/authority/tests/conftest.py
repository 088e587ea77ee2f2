"""A police request over one point where two generated people were seen, ready to approve."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission

from netpoint.common.core import clock as clock_module
from netpoint.common.core.clock import FakeClock
from netpoint.common.identity.fake import fake_person
from netpoint.provider.authority import services
from netpoint.provider.authority.models import Member, Organisation

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
SEEN = NOW - timedelta(days=3)


def letter(document_number: str, **scope) -> dict:
    """A written request's fields, covering the last 30 days and valid for a week; `scope`
    names the people and points (id_numbers, phones, point_codes...)."""
    return {
        "document_number": document_number,
        "document_date": NOW.date(),
        "issuing_body": "Công an TP Hà Nội",
        "signer": "Đại tá Người Ký Thử",
        "subject": "Đề nghị cung cấp thông tin người sử dụng dịch vụ",
        "legal_basis": "Nghị định 147/2024/NĐ-CP",
        "time_from": NOW - timedelta(days=30),
        "time_to": NOW,
        "valid_until": NOW + timedelta(days=7),
    } | scope


def approved(world, document_number: str, **scope):
    """Another request of the world's police, registered by its investigator and approved."""
    request = services.register(
        world["request"].organisation, world["investigator"], letter(document_number, **scope)
    )
    return services.decide(request, world["officer"], approve=True)


@pytest.fixture
def frozen_now():
    with clock_module.use(FakeClock(NOW)):
        yield


@pytest.fixture
def world(frozen_now, provider_point, django_user_model, seen_at_point):
    point = provider_point("HN-0001", public_ips=["203.0.113.9"])
    somebody, other = fake_person(random.Random(5)), fake_person(random.Random(6))
    seen_at_point(somebody, point, "M01", SEEN, local_id=1)
    seen_at_point(other, point, "M02", SEEN, local_id=2)
    police = Organisation.objects.create(name="Công an TP Hà Nội", kind="police", province_code=1)
    investigator = django_user_model.objects.create_user("dieutra", password="x-Very-Long-1")
    investigator.groups.add(Group.objects.get(name="authority_user"))
    Member.objects.create(user=investigator, organisation=police)
    officer = django_user_model.objects.create_user("pheduyet", password="x-Very-Long-2")
    officer.user_permissions.add(Permission.objects.get(codename="decide_writtenrequest"))
    request = services.register(
        police,
        investigator,
        letter("123/CAHN-PA05", id_numbers=[("cccd", somebody.cccd)], point_codes=["HN-0001"]),
    )
    return {
        "request": request,
        "somebody": somebody,
        "other": other,
        "investigator": investigator,
        "officer": officer,
        "point": point,
    }
