"""The owner's page of the point's details: the provider's policy read-only beside the owner's
own values, the conflicts in words, and "not confirmed" until the first policy came."""

from dataclasses import replace
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from netpoint.point.profile.models import PointProfile
from netpoint.point.uplink import policy
from netpoint.point.uplink.tests.held import enrolled, policy_for, signed, take

pytestmark = pytest.mark.django_db
GAME_POINT = policy_for("HN-0001", minors_across_points=False)


@pytest.fixture
def link(db):
    return enrolled("HN-0001")


def wish(point_type: str, province: str = "*") -> None:
    profile = PointProfile.current()
    profile.point_type, profile.province_code = point_type, province
    profile.save()


def test_before_any_policy_the_page_says_the_provider_has_not_confirmed(owner_client, link):
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "Chưa được doanh nghiệp xác nhận" in page


def test_the_providers_category_and_hours_show_and_the_owners_wish_conflicts(owner_client, link):
    wish("internet", "79")
    assert take(link, GAME_POINT).taken
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "Điểm cung cấp dịch vụ trò chơi điện tử công cộng" in page
    assert "08:00–22:00" in page and "Thành phố Hà Nội" in page
    assert "doanh nghiệp đã xác định điểm là “Điểm cung cấp dịch vụ" in page
    assert "nhưng doanh nghiệp đã xác định điểm ở Thành phố Hà Nội" in page


def test_the_owners_wish_does_not_change_what_the_point_applies(owner_client, link):
    take(link, GAME_POINT)
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
    take(link, GAME_POINT)
    altered = signed(GAME_POINT)
    altered["policy"] = altered["policy"] | {"point_type": "internet", "version": 1_800_000_000_000}
    outcome = policy.take(link, altered)
    assert not outcome.taken and "signature" in outcome.refusal
    assert policy.in_force().point_type == "game"


def test_a_policy_signed_by_another_key_is_refused(link):
    other = Ed25519PrivateKey.generate()
    outcome = policy.take(link, signed(GAME_POINT, other))
    assert not outcome.taken and "another key" in outcome.refusal
    assert not policy.in_force().confirmed


def test_an_older_policy_is_refused_and_the_owner_sees_it(owner_client, link):
    take(link, GAME_POINT)
    older = replace(GAME_POINT, version=GAME_POINT.version - 1, point_type="internet")
    assert policy.take(link, signed(older)).refusal == "the policy is older"
    assert policy.in_force().point_type == "game"
    page = owner_client.get("/chu-quan/thong-tin-diem/").content.decode()
    assert "điểm đã từ chối một chính sách không hợp lệ" in page


def test_a_newer_policy_replaces_the_held_one(link):
    take(link, GAME_POINT)
    later = replace(GAME_POINT, version=GAME_POINT.version + 1, opening_hours=("09:00", "21:00"))
    assert policy.take(link, signed(later)).taken
    assert policy.in_force().hours.opens.hour == 9


def test_a_game_policy_refuses_a_check_in_at_22_00_whatever_the_profile_says(
    link, cafe, make_customer, clock
):
    from netpoint.point.sessions import services as sessions

    wish("internet")
    take(link, GAME_POINT)
    clock.advance(timedelta(hours=12, minutes=1))  # 22:01 in Hà Nội
    with pytest.raises(sessions.CheckInRefused, match="ngoài giờ mở cửa"):
        sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")


def test_the_owners_menu_leads_to_the_point_details(owner_client):
    page = owner_client.get("/chu-quan/bang-gia/").content.decode()
    assert 'href="/chu-quan/thong-tin-diem/">Thông tin điểm</a>' in page
