"""Anti-spam (REQUIREMENTS E): the limits of Nghị định 91/2020/NĐ-CP and the reporting rules of
Thông tư 09/2011/TT-BTTTT (seed 004); NETPOINT_ANTISPAM overrides any of them. Channels: sms,
email, call, messaging (messages over the internet count as tin nhắn).
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law

ND91 = "Nghị định 91/2020/NĐ-CP, Điều 12-13"
TT09 = "Thông tư 09/2011/TT-BTTTT (seed 004), sửa Thông tư 12/2008/TT-BTTTT: thời gian báo cáo"


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
    label: str = law("[QC]", "Nghị định 91/2020/NĐ-CP (article to confirm)")
    label_channels: tuple[str, ...] = ("sms", "email", "messaging")
    # Channels whose sender must be one of the customer's registered brandnames.
    brandname_channels: tuple[str, ...] = ("sms",)
    # Channels a Do-Not-Call entry (a phone number) refuses.
    dnc_channels: tuple[str, ...] = ("sms", "call", "messaging")
    # SMS keywords that ask for no more advertising (case and accents ignored).
    optout_keywords: tuple[str, ...] = ("TC", "HUY", "TU CHOI", "STOP")
    # Opt-out requests and their confirmations are kept at least this long (6 months): the
    # report of each half-year names those of the 6 months before.
    optout_keep_days: int = law(184, TT09)
    max_batch_checks: int = 1000
    # Periodic reports are due before these days (month, day) and cover the 6 whole months
    # before the due month.
    report_due: tuple[tuple[int, int], ...] = law(((5, 15), (11, 15)), TT09)
    report_period_months: int = law(6, TT09)
    # Signed unsubscribe links stop working after this many days.
    unsubscribe_link_days: int = 365

    def __post_init__(self):
        if self.cap_scope not in ("customer", "provider"):
            raise ValueError(f"cap_scope is 'customer' or 'provider', not {self.cap_scope!r}")


conf = AppSettings(AntispamSettings, "NETPOINT_ANTISPAM")
