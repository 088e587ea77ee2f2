"""The report calendar: NETPOINT_REPORTS overrides any of these.

A schedule is a list of {"month", "day": the due date; "ends_month": the period ends the day
before this month begins; "covers_months": how many months it covers}, read by
netpoint.provider.reports.due.
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
        "2520/BBCVT-VT ngày 14/12/2005 (due day: article to confirm)",
    )
    # Public Wi-Fi points: the ten months to the end of October, before 15 November.
    wifi: tuple[dict, ...] = law(
        ({"month": 11, "day": 15, "ends_month": 11, "covers_months": 10},),
        "công văn 276/STTTT-BCVT ngày 26/10/2020 (seed 003, Chỉ thị 66/CT-BTTTT), mục 2: "
        "báo cáo số lượng điểm Wi-Fi công cộng trước ngày 15/11",
    )
    # Software changes are reported when features change (công văn 1319/TTTT-VT, mục 3.a);
    # the report is due this many days after a release (a choice, not a number of the law).
    software_changes_within_days: int = 15
    # Reminders go this many days before a due date (0: on the day), and after it if overdue.
    remind_days_before: tuple[int, ...] = (14, 3, 0)


conf = AppSettings(ReportsSettings, "NETPOINT_REPORTS")
