"""NETPOINT_POLICY: the law's numbers for sessions (netpoint.common.core.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.common.core.conf import PolicySettings, conf
from netpoint.common.core.policy import limits, opening_hours


def test_the_defaults_are_the_laws_numbers_with_their_articles():
    policy, cited = conf(), sources(PolicySettings)
    assert policy.adult_age == 18 and "Bộ luật Dân sự 2015, Điều 20" in cited["adult_age"]
    # Minors: 180 minutes a day, a warning every 30 (Nghị định 147/2024/NĐ-CP, Điều 39).
    assert policy.minor_daily_minutes == 180
    assert "147/2024/NĐ-CP, Điều 39 khoản 1 điểm e" in cited["minor_daily_minutes"]
    assert policy.minor_warning_every_minutes == 30
    assert "Điều 39 khoản 1 điểm g" in cited["minor_warning_every_minutes"]
    assert policy.guardian_age == 16 and "147/2024" in cited["guardian_age"]
    assert policy.opening_hours["game"]["*"] == ("08:00", "22:00")


def test_an_override_changes_one_number_and_the_policies_follow(settings):
    settings.NETPOINT_POLICY = {"minor_daily_minutes": 120}
    assert limits().minor_daily_seconds == 120 * 60
    assert limits().guardian_age == 16
    settings.NETPOINT_POLICY = {"opening_hours": {"game": {"*": ("07:00", "23:00")}}}
    assert str(opening_hours("game", "01").opens) == "07:00:00"
    assert opening_hours("internet", "01") is None


def test_an_unknown_key_is_refused(settings):
    settings.NETPOINT_POLICY = {"minor_daily_minute": 120}
    with pytest.raises(ImproperlyConfigured, match="'minor_daily_minute'"):
        limits()


def test_the_game_points_hours_name_the_old_article_and_say_they_are_the_province_s():
    cited = sources(PolicySettings)["opening_hours"]
    assert "Nghị định 72/2013/NĐ-CP, Điều 36" in cited
    assert "chưa đối chiếu được điều khoản" in cited and "cài đặt theo quy định của tỉnh" in cited
