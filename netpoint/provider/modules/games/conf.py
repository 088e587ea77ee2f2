"""Online games (REQUIREMENTS D): every number a setting, NETPOINT_GAMES overrides any of them.

The operator's own ages and limits, apart from the point's NETPOINT_POLICY: a game operator and
an internet café follow different articles and may be switched on at different times.
"""

from dataclasses import dataclass, field

from netpoint.common.core.appsettings import AppSettings, law

ND147 = "Nghị định 147/2024/NĐ-CP"
CV1515 = "công văn 1515/BBCVT-VT (seed 002, hướng dẫn Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA)"
ND43 = "Nghị định 43/2025/NĐ-CP (chức năng, nhiệm vụ của Bộ Văn hóa, Thể thao và Du lịch)"
# Said plainly where the article could not be checked against the text of the instrument.
UNCHECKED = "chưa đối chiếu được điều khoản"


@dataclass(frozen=True)
class Agency:
    """The ministry the semi-annual report goes to and the name of its department in each
    province (followed by the province's name), with the instrument that gave them the duty."""

    ministry: str
    department: str
    source: str


# Who is in charge of online games, by era: the report's addressees follow `report_agency`.
AGENCIES = {
    # Since 1/3/2025 online games are the Bộ Văn hóa, Thể thao và Du lịch's, and the provincial
    # departments of culture followed.
    "vhttdl": Agency(
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        f"{ND43}, hiệu lực từ 01/3/2025 ({UNCHECKED})",
    ),
    # 2007-2025: the ministry that took over the Bộ Bưu chính, Viễn thông's duties.
    "tttt": Agency(
        "Bộ Thông tin và Truyền thông",
        "Sở Thông tin và Truyền thông",
        f"tên cơ quan trước ngày 01/3/2025 (trước {ND43}); văn bản giao nhiệm vụ: {UNCHECKED}",
    ),
    # The names the seed itself uses (2006).
    "bcvt": Agency(
        "Bộ Bưu chính, Viễn thông",
        "Sở Bưu chính, Viễn thông",
        f"{CV1515}, mục 3",
    ),
}


@dataclass(frozen=True)
class GamesSettings:
    # Players under this age have the limits below.
    adult_age: int = law(18, f"{ND147}, Điều 39 khoản 1 điểm e (người chơi dưới 18 tuổi)")
    # Players under this age must be registered with a guardian (14 in 2006, 16 since 2024).
    guardian_age: int = law(
        16, f"{ND147}, người dưới 16 tuổi ({UNCHECKED}); 14 in {CV1515}, mục 2.a"
    )
    # Minutes a day (00:00-24:00) in one game and in all the operator's games, and the
    # interval of the health warning.
    minor_game_minutes: int = law(60, f"{ND147}, Điều 39 khoản 1 điểm e; Điều 48 khoản 1 điểm e")
    minor_daily_minutes: int = law(180, f"{ND147}, Điều 39 khoản 1 điểm e; Điều 48 khoản 1 điểm e")
    warning_every_minutes: int = law(30, f"{ND147}, Điều 39 khoản 1 điểm g; Điều 48 khoản 1 điểm g")
    # The 2006 reward rule: full rewards for the day's first 180 minutes, half to 300, then none.
    reward_full_minutes: int = law(180, f"Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA ({UNCHECKED})")
    reward_half_minutes: int = law(300, f"Thông tư 60/2006/TTLT-BVHTT-BBCVT-BCA ({UNCHECKED})")
    # Each answer lets the game server keep the player this long without another heartbeat.
    lease_seconds: int = 120
    # A game server may send this many heartbeats in one request.
    max_batch_heartbeats: int = 5000
    # Usage (sessions, time per day) is kept at least 30 days by law; 190 so that the
    # semi-annual report (mục 3 of the same letter) covers its whole half-year from the records.
    usage_retention_days: int = law(190, f"at least 30 days: {CV1515}, mục 2.b")
    # Accounts are kept while active and this long (6 months) after they close.
    closed_account_retention_days: int = law(
        183, f"REQUIREMENTS D.2: khi còn hoạt động và 6 tháng sau khi đóng ({UNCHECKED})"
    )
    # The semi-annual report: in the first week of January and July, for the half-year to 31/12
    # or 30/6 (read by netpoint.provider.reports.due.periodic: the 7th ends the first week).
    report_schedule: tuple[dict, ...] = law(
        (
            {"month": 1, "day": 7, "ends_month": 1, "covers_months": 6},
            {"month": 7, "day": 7, "ends_month": 7, "covers_months": 6},
        ),
        f"{CV1515}, mục 3: tuần đầu tiên của tháng 7 và tháng giêng, tính đến 30/6 hoặc 31/12",
    )
    # Reminders of the report go this many days before its last day (the 7th): on the 1st, the
    # 5th and the 7th. A choice, not a number of the law.
    report_remind_days_before: tuple[int, ...] = (6, 2, 0)
    # Which of AGENCIES the report is addressed to: the ministry and the department of every
    # province where the operator's players played in the half-year.
    report_agency: str = law("vhttdl", AGENCIES["vhttdl"].source)
    # A province whose department has another name (a merged or split department), by the
    # province's code: {"1": "Sở Văn hóa và Thể thao thành phố Hà Nội"}.
    report_departments: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.report_agency not in AGENCIES:
            raise ValueError(
                f"report_agency must be one of {', '.join(AGENCIES)}, not {self.report_agency!r}"
            )

    @property
    def agency(self) -> Agency:
        return AGENCIES[self.report_agency]


conf = AppSettings(GamesSettings, "NETPOINT_GAMES")
