"""The owner's page of the point's details: the provider's policy read-only beside the owner's
own values, the conflicts in words, and "not confirmed" until the first policy came."""

import base64
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.common.core import clock as clock_module
from netpoint.common.events.policy import raw_public_key, signed_document
from netpoint.common.policies.provided import PointPolicy
from netpoint.point.profile.models import PointProfile
from netpoint.point.uplink import policy
from netpoint.point.uplink.models import ProviderLink

pytestmark = pytest.mark.django_db
PROVIDER_KEY = Ed25519PrivateKey.generate()
GAME_POINT = PointPolicy(
    point="HN-0001",
    version=1_770_000_000_000,
    point_type="game",
    province_code=1,
    ward_code=4,
    opening_hours=("08:00", "22:00"),
    hours_source="national",
    minors_across_points=False,
    minor_daily_minutes=180,
)


@pytest.fixture
def link(db):
    return ProviderLink.objects.create(
        provider_url="https://icafe.example.vn",
        point_code="HN-0001",
        private_key="x" * 44,
        provider_key=base64.b64encode(raw_public_key(PROVIDER_KEY)).decode(),
        enrolled_at=clock_module.now(),
    )


def wish(point_type: str, province: str = "*") -> None:
    profile = PointProfile.current()
    profile.point_type, profile.province_code = point_type, province
    profile.save()


def test_before_any_policy_the_page_says_the_provider_has_not_confirmed(owner_client, link):
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "Chưa được doanh nghiệp xác nhận" in page


def test_the_providers_category_and_hours_show_and_the_owners_wish_conflicts(owner_client, link):
    wish("internet", "79")
    assert policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT)).taken
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "Điểm cung cấp dịch vụ trò chơi điện tử công cộng" in page
    assert "08:00–22:00" in page and "Thành phố Hà Nội" in page
    assert "doanh nghiệp đã xác định điểm là “Điểm cung cấp dịch vụ" in page
    assert "nhưng doanh nghiệp đã xác định điểm ở Thành phố Hà Nội" in page


def test_the_owners_wish_does_not_change_what_the_point_applies(owner_client, link):
    policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT))
    answer = owner_client.post(
        "/chu-quan/thong-tin-diem/",
        {
            "name": "Quán Thử",
            "address": "",
            "rules": "Nội quy",
            "point_type": "internet",
            "province_code": "*",
        },
    )
    assert answer.status_code == 302
    now = policy.in_force()
    assert now.point_type == "game" and now.hours is not None


def test_an_altered_policy_is_refused_and_the_held_one_stays(link):
    policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT))
    altered = signed_document(PROVIDER_KEY, GAME_POINT)
    altered["policy"] = altered["policy"] | {"point_type": "internet", "version": 1_800_000_000_000}
    outcome = policy.take(link, altered)
    assert not outcome.taken and "signature" in outcome.refusal
    assert policy.in_force().point_type == "game"


def test_a_policy_signed_by_another_key_is_refused(link):
    other = Ed25519PrivateKey.generate()
    outcome = policy.take(link, signed_document(other, GAME_POINT))
    assert not outcome.taken and "another key" in outcome.refusal
    assert not policy.in_force().confirmed


def test_an_older_policy_is_refused_and_the_owner_sees_it(owner_client, link):
    policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT))
    older = PointPolicy(
        **(vars(GAME_POINT) | {"version": GAME_POINT.version - 1, "point_type": "internet"})
    )
    assert policy.take(link, signed_document(PROVIDER_KEY, older)).refusal == "the policy is older"
    assert policy.in_force().point_type == "game"
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "điểm đã từ chối một chính sách không hợp lệ" in page


def test_a_newer_policy_replaces_the_held_one(link):
    policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT))
    later = PointPolicy(
        **(
            vars(GAME_POINT)
            | {"version": GAME_POINT.version + 1, "opening_hours": ("09:00", "21:00")}
        )
    )
    assert policy.take(link, signed_document(PROVIDER_KEY, later)).taken
    assert policy.in_force().hours.opens.hour == 9


def test_a_game_policy_refuses_a_check_in_at_22_00_whatever_the_profile_says(
    link, cafe, make_customer, clock
):
    from netpoint.point.sessions import services as sessions

    wish("internet")
    policy.take(link, signed_document(PROVIDER_KEY, GAME_POINT))
    clock.advance(timedelta(hours=12, minutes=1))  # 22:01 in Hà Nội
    with pytest.raises(sessions.CheckInRefused, match="ngoài giờ mở cửa"):
        sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
