"""Anti-spam (REQUIREMENTS E): the limits of Nghị định 91/2020/NĐ-CP and the reporting rules of
Thông tư 09/2011/TT-BTTTT (seed 004); NETPOINT_ANTISPAM overrides any of them. Channels: sms,
email, call, messaging (messages over the internet count as tin nhắn).
"""

from dataclasses import dataclass, field
from datetime import date

from netpoint.common.core.appsettings import AppSettings, law

# Nghị định 91/2020 is in no seed, and REQUIREMENTS E.2 quotes its numbers without articles:
# the rules are the decree's, their article numbers could not be checked (docs/ANTISPAM.md).
ND91 = "Nghị định 91/2020/NĐ-CP (chưa đối chiếu được điều khoản)"
TT09 = "Thông tư 09/2011/TT-BTTTT (seed 004), sửa Thông tư 12/2008/TT-BTTTT: thời gian báo cáo"
ND55 = (
    "Nghị định 55/2025/NĐ-CP (chức năng, nhiệm vụ của Bộ Khoa học và Công nghệ từ 01/03/2025: "
    "viễn thông, Internet); đơn vị của Bộ nhận báo cáo chống thư rác: chưa đối chiếu được "
    "điều khoản"
)

# Who the reports are addressed to, by key; `addressee` may also be any other name.
ADDRESSEES = {
    # Today's: the ministry that took over telecommunications and the internet (ND55).
    "bkhcn": "Bộ Khoa học và Công nghệ",
    # The seed's (Thông tư 09/2011, Mẫu số 1-3 and "báo cáo đột xuất khi có yêu cầu của VNCERT").
    "vncert": "Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam",
}
# The enterprise's details printed at the head of every report (Mẫu số 1-3): set once here.
COMPANY_KEYS = ("organisation", "address", "management_code", "issued_on", "valid_until", "place")


@dataclass(frozen=True)
class AntispamSettings:
    # Local hours in which advertising may reach a recipient ("HH:MM" from, until); a channel
    # not listed may be sent at any hour.
    send_hours: dict = law(
        {
            "sms": ("07:00", "22:00"),
            "messaging": ("07:00", "22:00"),
            "call": ("08:00", "17:00"),
        },
        ND91,
    )
    # Advertising sends to one recipient per channel within the window below.
    daily_caps: dict = law({"sms": 3, "email": 3, "call": 1, "messaging": 3}, ND91)
    cap_window_hours: int = law(24, ND91)
    # Điều 13 counts per advertiser ("customer"); "provider" counts every customer's sends.
    cap_scope: str = law("customer", ND91)
    # The label an advertisement must carry at its start, and the channels that need it.
    label: str = law("[QC]", ND91)
    label_channels: tuple[str, ...] = ("sms", "email", "messaging")
    # Channels whose sender must be one of the customer's registered brandnames.
    brandname_channels: tuple[str, ...] = ("sms",)
    # Channels a Do-Not-Call entry (a phone number) refuses.
    dnc_channels: tuple[str, ...] = ("sms", "call", "messaging")
    # SMS keywords that ask for no more advertising (case and accents ignored).
    optout_keywords: tuple[str, ...] = ("TC", "HUY", "TU CHOI", "STOP")
    # Opt-out requests and their confirmations are kept at least this long (6 months), and
    # until the records report of their half-year is past due (up to ~196 days): that report
    # lists those of the 6 months before. Their counts are frozen when the half-year closes.
    optout_keep_days: int = law(184, TT09)
    max_batch_checks: int = 1000
    # Periodic reports are due before these days (month, day) and cover the 6 whole months
    # before the due month.
    report_due: tuple[tuple[int, int], ...] = law(((5, 15), (11, 15)), TT09)
    report_period_months: int = law(6, TT09)
    # The year's report is due before 15/11 and covers the 12 whole months before November.
    annual_due: tuple[int, int] = law((11, 15), TT09)
    annual_period_months: int = law(12, TT09)
    # Where the e-mailed records report (the opt-out requests and confirmations of the last
    # closed half-year, records.py) goes unless the page says otherwise; no default, the law
    # names no address.
    records_email: str = ""
    addressee: str = law("bkhcn", ND55)
    company: dict = field(
        default_factory=lambda: dict.fromkeys(COMPANY_KEYS, "") | {"place": "Hà Nội"}
    )
    # Signed unsubscribe links stop working after this many days.
    unsubscribe_link_days: int = 365

    def __post_init__(self):
        if self.cap_scope not in ("customer", "provider"):
            raise ValueError(f"cap_scope is 'customer' or 'provider', not {self.cap_scope!r}")
        unknown = set(self.company) - set(COMPANY_KEYS)
        if unknown:
            raise ValueError(f"company has no {', '.join(sorted(unknown))}")
        for key in ("issued_on", "valid_until"):
            if self.company.get(key):
                date.fromisoformat(self.company[key])  # YYYY-MM-DD, or ValueError

    @property
    def addressee_name(self) -> str:
        return ADDRESSEES.get(self.addressee, self.addressee)


conf = AppSettings(AntispamSettings, "NETPOINT_ANTISPAM")
