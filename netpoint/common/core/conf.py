"""The law's numbers for a point's sessions: NETPOINT_POLICY overrides any of them.

One owner for both roles: the point applies them to its sessions and customers, the provider's
monitoring flags what breaks them, each through netpoint.common.core.policy (which turns them
into the arguments of the pure policies in netpoint.common.policies). A new decree is a change
of these defaults or of the override, not of code. A source marked "chưa đối chiếu được điều
khoản" names the rule but not its article, which could not be checked against the decree's text.
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law

ND147 = "Nghị định 147/2024/NĐ-CP"


@dataclass(frozen=True)
class PolicySettings:
    adult_age: int = law(18, "Bộ luật Dân sự 2015, Điều 20 (người thành niên: từ đủ 18 tuổi)")
    # Children under this age are linked to a guardian (14 in the 2006 rules, 16 since 2024).
    guardian_age: int = law(
        16,
        f"{ND147}, người dưới 16 tuổi đăng ký bằng thông tin của cha, mẹ hoặc người giám hộ "
        "(chưa đối chiếu được điều khoản)",
    )
    # A minor's minutes a day (00:00-24:00), and the health warning's interval.
    minor_daily_minutes: int = law(180, f"{ND147}, Điều 39 khoản 1 điểm e; Điều 48 khoản 1 điểm e")
    minor_warning_every_minutes: int = law(30, f"{ND147}, Điều 39 khoản 1 điểm g")
    closing_warning_minutes: tuple[int, ...] = (15, 5, 1)
    low_balance_warning_minutes: int = 5
    # Opening hours by point type, then by province code ("*" = every province);
    # None = open around the clock. Game points may not open 22:00-08:00.
    opening_hours: dict = law(
        {
            "game": {"*": ("08:00", "22:00")},
            "internet": {"*": None},
            "wifi": {"*": None},
        },
        # 22:00-08:00 is the rule of Nghị định 72/2013/NĐ-CP, Điều 36, which Nghị định
        # 147/2024/NĐ-CP replaced; the article of the new decree on the hours could not be read
        # here, so the hours are the province's (and the provider's) setting.
        "Nghị định 72/2013/NĐ-CP, Điều 36 (không mở cửa từ 22 giờ đến 8 giờ sáng; đã được "
        f"{ND147} thay thế: chưa đối chiếu được điều khoản); khung giờ: cài đặt theo quy định "
        "của tỉnh, thành phố",
    )


conf = AppSettings(PolicySettings, "NETPOINT_POLICY")
