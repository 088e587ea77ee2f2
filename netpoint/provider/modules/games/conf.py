"""Online games (REQUIREMENTS D): every number a setting, NETPOINT_GAMES overrides any of them.

The operator's own ages and limits, apart from the point's NETPOINT_POLICY: a game operator and
an internet café follow different articles and may be switched on at different times.
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law

ND147 = "Nghị định 147/2024/NĐ-CP"
CV1515 = "công văn 1515/BBCVT-VT (seed 002, hướng dẫn Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA)"


@dataclass(frozen=True)
class GamesSettings:
    # Players under this age have the limits below.
    adult_age: int = law(18, f"{ND147}, Điều 39 khoản 1 điểm e (người chơi dưới 18 tuổi)")
    # Players under this age must be registered with a guardian (14 in 2006, 16 since 2024).
    guardian_age: int = law(
        16, f"{ND147}, người dưới 16 tuổi (article to confirm); 14 in {CV1515}, mục 2.a"
    )
    # Minutes a day (00:00-24:00) in one game and in all the operator's games, and the
    # interval of the health warning.
    minor_game_minutes: int = law(60, f"{ND147}, Điều 39 khoản 1 điểm e; Điều 48 khoản 1 điểm e")
    minor_daily_minutes: int = law(180, f"{ND147}, Điều 39 khoản 1 điểm e; Điều 48 khoản 1 điểm e")
    warning_every_minutes: int = law(30, f"{ND147}, Điều 39 khoản 1 điểm g; Điều 48 khoản 1 điểm g")
    # The 2006 reward rule: full rewards for the day's first 180 minutes, half to 300, then none.
    reward_full_minutes: int = law(
        180, "Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA (article to confirm)"
    )
    reward_half_minutes: int = law(
        300, "Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA (article to confirm)"
    )
    # Each answer lets the game server keep the player this long without another heartbeat.
    lease_seconds: int = 120
    # A game server may send this many heartbeats in one request.
    max_batch_heartbeats: int = 5000
    # Usage (sessions, time per day) is kept at least 30 days by law; 190 so that the
    # semi-annual report (mục 3 of the same letter) covers its whole half-year from the records.
    usage_retention_days: int = law(190, f"at least 30 days: {CV1515}, mục 2.b")
    # Accounts are kept while active and this long (6 months) after they close.
    closed_account_retention_days: int = law(
        183, "REQUIREMENTS D.2: khi còn hoạt động và 6 tháng sau khi đóng (article to confirm)"
    )


conf = AppSettings(GamesSettings, "NETPOINT_GAMES")
