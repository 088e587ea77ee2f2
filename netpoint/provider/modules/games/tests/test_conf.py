"""NETPOINT_GAMES (netpoint.provider.modules.games.conf)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import sources
from netpoint.provider.modules.games.accounts import rules
from netpoint.provider.modules.games.conf import GamesSettings, conf


def test_the_defaults_are_the_laws_numbers_with_their_articles():
    games, cited = conf(), sources(GamesSettings)
    # Under 18: 60 minutes a game, 180 a day, a warning every 30 (Nghị định 147/2024, Điều 39).
    assert (games.adult_age, games.minor_game_minutes, games.minor_daily_minutes) == (18, 60, 180)
    assert "147/2024/NĐ-CP, Điều 39 khoản 1 điểm e" in cited["minor_game_minutes"]
    assert "Điều 48 khoản 1 điểm e" in cited["minor_daily_minutes"]
    assert games.warning_every_minutes == 30 and "điểm g" in cited["warning_every_minutes"]
    # Usage kept at least 30 days (công văn 1515/BBCVT-VT, mục 2.b); 190 for the report.
    assert games.usage_retention_days >= 30
    assert "1515/BBCVT-VT (seed 002" in cited["usage_retention_days"]
    assert "mục 2.b" in cited["usage_retention_days"]
    assert (games.reward_full_minutes, games.reward_half_minutes) == (180, 300)


def test_an_override_changes_one_number_and_the_rules_follow(settings):
    settings.NETPOINT_GAMES = {"minor_game_minutes": 45}
    assert (rules().game_seconds, rules().day_seconds) == (45 * 60, 180 * 60)


def test_an_unknown_key_is_refused(settings):
    settings.NETPOINT_GAMES = {"minor_game_minute": 45}
    with pytest.raises(ImproperlyConfigured, match="NETPOINT_GAMES has no setting"):
        rules()


def test_no_source_is_left_as_article_to_confirm():
    cited = sources(GamesSettings)
    assert not [name for name, source in cited.items() if "article to confirm" in source]
    assert "chưa đối chiếu được điều khoản" in cited["reward_full_minutes"]


def test_the_report_goes_to_the_ministry_in_charge_of_online_games_since_march_2025():
    games, cited = conf(), sources(GamesSettings)
    assert games.agency.ministry == "Bộ Văn hóa, Thể thao và Du lịch"
    assert "Nghị định 43/2025/NĐ-CP" in cited["report_agency"]
    assert "mục 3" in cited["report_schedule"]


def test_an_unknown_agency_is_refused(settings):
    settings.NETPOINT_GAMES = {"report_agency": "bo-khac"}
    with pytest.raises(ImproperlyConfigured, match="report_agency must be one of vhttdl"):
        conf()
