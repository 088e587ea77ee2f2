"""The report calendar (NETPOINT_REPORTS) and the agencies reports go to (NETPOINT_AGENCIES).

A schedule is a list of {"month", "day": the due date; "ends_month": the period ends the day
before this month begins; "covers_months": how many months it covers}, read by
netpoint.provider.reports.due. A due date the seeds do not fix is marked "theo yêu cầu của cơ
quan quản lý": the provider keeps it as the authority last asked, and changes it when asked again.

The agencies are named per duty, as the law splits them since 1/3/2025; the modules' reports
(games, anti-spam) read theirs from here too (netpoint.provider.reports.agencies).
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law


@dataclass(frozen=True)
class ReportsSettings:
    # The enterprise's periodic report: twice a year, for the half-year before.
    operation: tuple[dict, ...] = law(
        (
            {"month": 1, "day": 15, "ends_month": 1, "covers_months": 6},
            {"month": 7, "day": 15, "ends_month": 7, "covers_months": 6},
        ),
        "công văn 1319/TTTT-VT ngày 06/5/2011 (seed 000), mục 3.b: định kỳ, theo công văn "
        "2520/BBCVT-VT ngày 14/12/2005 (không có trong seeds); ngày nộp: theo yêu cầu của cơ "
        "quan quản lý",
    )
    # Public Wi-Fi points: the ten months to the end of October, before 15 November.
    wifi: tuple[dict, ...] = law(
        ({"month": 11, "day": 15, "ends_month": 11, "covers_months": 10},),
        "công văn 276/STTTT-BCVT ngày 26/10/2020 (seed 003, Chỉ thị 66/CT-BTTTT), mục 2: "
        "báo cáo số lượng điểm Wi-Fi công cộng trước ngày 15/11/2020 (một lần); các năm sau: "
        "theo yêu cầu của cơ quan quản lý",
    )
    # Software changes are reported when features change (công văn 1319/TTTT-VT, mục 3.a);
    # the report is due this many days after a release (a choice, not a number of the law).
    software_changes_within_days: int = 15
    # Reminders go this many days before a due date (0: on the day), and after it if overdue.
    remind_days_before: tuple[int, ...] = (14, 3, 0)


conf = AppSettings(ReportsSettings, "NETPOINT_REPORTS")


ND55 = (
    "Nghị định 55/2025/NĐ-CP, Điều 1: Bộ Khoa học và Công nghệ quản lý nhà nước về viễn thông "
    "(Internet, Wi-Fi công cộng), từ ngày 01/3/2025; Sở theo ngành dọc"
)
ND43 = (
    "Nghị định 43/2025/NĐ-CP: Bộ Văn hóa, Thể thao và Du lịch quản lý trò chơi điện tử, từ "
    "ngày 01/3/2025; Sở theo ngành dọc (chưa đối chiếu được điều khoản)"
)
KHCN = ("Bộ Khoa học và Công nghệ", "Sở Khoa học và Công nghệ")
VHTTDL = ("Bộ Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch")
# The names the seeds use (before 1/3/2025), chosen with {"names": "seeds"}.
SEEDS = ("Bộ Thông tin và Truyền thông", "Sở Thông tin và Truyền thông")
NAMES = ("2025", "seeds")


@dataclass(frozen=True)
class AgencySettings:
    # "2025": the agencies of each duty below; "seeds": every duty to the Bộ/Sở Thông tin và
    # Truyền thông, as the seeds (2005-2020) name them.
    names: str = "2025"
    # Per duty: (the ministry, the provincial department without its province).
    internet: tuple[str, str] = law(KHCN, ND55)
    wifi: tuple[str, str] = law(KHCN, ND55)
    game_points: tuple[str, str] = law(VHTTDL, ND43)
    online_games: tuple[str, str] = law(VHTTDL, ND43)

    def __post_init__(self):
        if self.names not in NAMES:
            raise ValueError(f"names is one of {', '.join(NAMES)}, not {self.names!r}")
        for duty in ("internet", "wifi", "game_points", "online_games"):
            pair = getattr(self, duty)
            if len(pair) != 2 or not all(isinstance(n, str) and n.strip() for n in pair):
                raise ValueError(f"{duty} is [ministry, department], two names")


agencies = AppSettings(AgencySettings, "NETPOINT_AGENCIES")
