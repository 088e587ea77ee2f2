"""Each point's policy at the provider: what it is made of, its version, the staff's pages, and
that every answer to a point's batch carries it signed."""

import base64
from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Permission

from netpoint.common.events.policy import verify
from netpoint.provider.records.tests.conftest import signed_post
from netpoint.provider.registry.models import ProvinceRule
from netpoint.provider.registry.policy import policy_of, public_key

pytestmark = pytest.mark.django_db


def test_a_game_point_gets_the_national_hours(provider_point, clock):
    policy = policy_of(provider_point())
    assert (policy.point_type, policy.opening_hours, policy.hours_source) == (
        "game",
        ("08:00", "22:00"),
        "national",
    )
    assert (policy.province_code, policy.ward_code) == (1, 4)


def test_a_provinces_stricter_hours_replace_the_national_ones(provider_point, clock):
    ProvinceRule.objects.create(province_code=1, point_type="game", opens=time(9), closes=time(21))
    policy = policy_of(provider_point())
    assert (policy.opening_hours, policy.hours_source) == (("09:00", "21:00"), "province")


def test_hours_the_provider_set_for_the_point_come_first(provider_point, clock):
    ProvinceRule.objects.create(province_code=1, point_type="game", opens=time(9), closes=time(21))
    policy = policy_of(provider_point(opening_hours=["10:00", "20:00"]))
    assert (policy.opening_hours, policy.hours_source) == (("10:00", "20:00"), "point")


def test_an_internet_point_is_open_around_the_clock(provider_point, clock):
    assert policy_of(provider_point(point_type="internet")).opening_hours is None


def test_minors_minutes_count_across_points_where_the_province_says_so(provider_point, clock):
    ProvinceRule.objects.create(province_code=1, point_type="game", minors_across_points=True)
    assert policy_of(provider_point()).minors_across_points


def test_the_points_own_setting_wins_over_the_provinces(provider_point, clock):
    ProvinceRule.objects.create(province_code=1, point_type="game", minors_across_points=True)
    assert not policy_of(provider_point(minors_across_points=False)).minors_across_points


def test_changing_a_points_type_makes_a_newer_version(provider_point, clock):
    point = provider_point()
    before = policy_of(point).version
    point.point_type = "internet"
    point.save()
    assert policy_of(point).version > before


def test_saving_a_point_unchanged_keeps_its_version(provider_point, clock):
    point = provider_point()
    before = policy_of(point).version
    clock.advance(timedelta(hours=1))
    point.name = "Tên mới"
    point.save()
    assert policy_of(point).version == before


def test_a_province_rule_made_later_makes_a_newer_version(provider_point, clock):
    point = provider_point()
    before = policy_of(point).version
    clock.advance(timedelta(minutes=1))
    ProvinceRule.objects.create(province_code=1, point_type="game", opens=time(9), closes=time(21))
    assert policy_of(point).version > before


def test_changing_the_national_hours_makes_a_newer_version(provider_point, clock, settings):
    point = provider_point()
    before = policy_of(point)
    clock.advance(timedelta(minutes=1))
    settings.NETPOINT_POLICY = {"opening_hours": {"game": {"*": ("07:00", "23:00")}}}
    after = policy_of(point)
    assert after.opening_hours == ("07:00", "23:00") and after.version > before.version


def test_the_national_settings_unchanged_keep_the_version(provider_point, clock):
    point = provider_point()
    before = policy_of(point).version
    clock.advance(timedelta(hours=1))
    assert policy_of(point).version == before


def test_a_minors_daily_minutes_changed_makes_a_newer_version(provider_point, clock, settings):
    point = provider_point()
    before = policy_of(point).version
    clock.advance(timedelta(minutes=1))
    settings.NETPOINT_POLICY = {"minor_daily_minutes": 120}
    after = policy_of(point)
    assert after.minor_daily_minutes == 120 and after.version > before


@pytest.mark.urls("netpoint.provider.urls")
def test_every_answer_to_a_batch_carries_the_signed_policy(client, hanoi):
    point, key, events = hanoi
    answer = signed_post(client, point.code, key, [events.person(1)])[0]
    verified = verify(public_key(), answer.json()["policy"])
    assert verified.policy.point == "HN-0001" and verified.policy.point_type == "game"


@pytest.mark.urls("netpoint.provider.urls")
def test_enrollment_gives_the_point_the_providers_policy_key(client, provider_point):
    from netpoint.common.events import signing
    from netpoint.provider.registry import services

    code = services.issue_enrollment_code(provider_point())
    raw = signing.public_key_of(signing.new_private_key())
    answer = client.post(
        "/api/v1/enroll",
        {"code": code, "public_key": base64.b64encode(raw).decode()},
        content_type="application/json",
    )
    assert base64.b64decode(answer.json()["policy_key"]) == public_key()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_user("quantri", password="mat-khau-quan-tri-1")
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_point", "change_point", "view_provincerule", "change_provincerule"]
        )
    )
    client.force_login(user)
    return client


@pytest.mark.urls("netpoint.provider.urls")
def test_the_point_policy_page_shows_what_the_point_is_sent(admin_client, provider_point, clock):
    point = provider_point()
    page = admin_client.get(f"/diem/{point.pk}/chinh-sach/").content.decode()
    assert "08:00–22:00" in page and "quy định chung" in page
    assert "Thành phố Hà Nội" in page


@pytest.mark.urls("netpoint.provider.urls")
def test_staff_switch_minors_minutes_across_points_for_a_point(admin_client, provider_point, clock):
    point = provider_point()
    url = f"/diem/{point.pk}/chinh-sach/"
    assert admin_client.post(url, {"minors_across_points": "on"}).status_code == 302
    point.refresh_from_db()
    assert point.minors_across_points is True
    assert "Tính cả thời gian ở các điểm khác" in admin_client.get(url).content.decode()


@pytest.mark.urls("netpoint.provider.urls")
def test_an_unknown_switch_value_is_refused_in_words(admin_client, provider_point, clock):
    point = provider_point()
    answer = admin_client.post(f"/diem/{point.pk}/chinh-sach/", {"minors_across_points": "x"})
    assert answer.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in answer.content.decode()


@pytest.mark.urls("netpoint.provider.urls")
def test_a_province_rule_is_added_and_listed(admin_client, clock):
    data = {
        "province_code": "79",
        "point_type": "game",
        "opens": "09:00",
        "closes": "21:00",
        "source": "Quyết định thử",
    }
    assert admin_client.post("/quy-dinh-tinh/", data).status_code == 302
    page = admin_client.get("/quy-dinh-tinh/").content.decode()
    assert "Thành phố Hồ Chí Minh" in page and "09:00–21:00" in page


@pytest.mark.urls("netpoint.provider.urls")
def test_a_province_rule_with_only_an_opening_time_is_refused(admin_client, clock):
    data = {"province_code": "79", "point_type": "game", "opens": "09:00"}
    answer = admin_client.post("/quy-dinh-tinh/", data)
    assert answer.status_code == 400
    assert "Hãy nhập cả giờ mở cửa và giờ đóng cửa" in answer.content.decode()
    assert not ProvinceRule.objects.exists()


@pytest.mark.urls("netpoint.provider.urls")
def test_an_operator_cannot_change_a_province_rule(client, django_user_model, clock):
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    user.user_permissions.set(Permission.objects.filter(codename="view_provincerule"))
    client.force_login(user)
    data = {"province_code": "79", "point_type": "game", "opens": "09:00", "closes": "21:00"}
    assert client.post("/quy-dinh-tinh/", data).status_code == 403
