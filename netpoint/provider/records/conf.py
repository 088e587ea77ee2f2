"""How long each kind of record is kept on the provider, after which the daily retention job
(netpoint.provider.records.retention) deletes it.

Two settings, one owner for every provider app's kinds:
- NETPOINT_RETENTION_DAYS: the days of each kind under the ordinary profile. Access records
  (netpoint.provider.accessrecords), public Wi-Fi (modules.wifi) and NAT bindings (modules.nat)
  read theirs from here; a module left out leaves its number unread. The online games
  operator's and the anti-spam periods are their own (NETPOINT_GAMES, NETPOINT_ANTISPAM), as
  their rules differ; they may hold their kinds under the profile through
  netpoint.provider.records.retention.held_cutoff.
- NETPOINT_RETENTION: the profile in force. "default" keeps each kind its days; "storage_request"
  is the written storage request of the Ministry of Public Security (Nghị định 53/2022/NĐ-CP,
  Điều 26-27): from the day it was received until it ends, and at least 24 months, the user
  data held then and since is kept, and system logs at least 12 months.

A kind that records what a person did (a usage or access record) is never kept less than the
legal minimum: a shorter value is refused at start (netpoint.common.core.checks).
"""

from dataclasses import dataclass, fields
from datetime import date

from netpoint.common.core.appsettings import AppSettings, law

# The 30 days are the number of the instructions the seeds carry (công văn 1515/BBCVT-VT, seed
# 002, mục 2.b: "ít nhất 30 ngày kể từ ngày sử dụng dịch vụ") and of REQUIREMENTS B.3; the
# article of Nghị định 147/2024/NĐ-CP that sets them for internet and game points today could
# not be read here.
MINIMUM = (
    "REQUIREMENTS B.3; công văn 1515/BBCVT-VT (seed 002), mục 2.b: ít nhất 30 ngày kể từ ngày "
    "sử dụng dịch vụ; Nghị định 147/2024/NĐ-CP: chưa đối chiếu được điều khoản"
)
# Not a number of the law: kept as long as the records they serve, a provider's choice.
CHOICE = (
    "lựa chọn của nhà cung cấp (không phải số liệu pháp luật), bằng thời hạn của bản ghi sử dụng"
)
CT66 = (
    "Chỉ thị 66/CT-BTTTT (qua công văn 276/STTTT-BCVT, seed 003): lưu trữ thông tin người sử "
    "dụng, thiết bị, thời gian và địa chỉ truy nhập; thời hạn: như bản ghi sử dụng (REQUIREMENTS "
    "B.3), chưa đối chiếu được điều khoản"
)
ND53 = "Nghị định 53/2022/NĐ-CP"
LEGAL_MINIMUM_DAYS = 30
USER_DATA_MINIMUM_DAYS = 731  # 24 months: the most days 24 months can have
SYSTEM_LOG_MINIMUM_DAYS = 366  # 12 months

# The kinds that are user data (Điều 26 khoản 1: who used the service, when, from which
# address) and the legal minimum binds; the rest are the system's own logs.
USER_DATA = (
    "sessions",
    "access",
    "persons",
    "wifi_sessions",
    "nat_bindings",
    "wifi_users",
)
SYSTEM_LOGS = ("heartbeats", "received_events", "wifi_gateway_events")


@dataclass(frozen=True)
class RetentionDays:
    sessions: int = law(30, MINIMUM)
    # The points' signals of life, and the events received (kept to refuse one sent twice).
    heartbeats: int = law(30, CHOICE)
    received_events: int = law(30, CHOICE)
    # Access records: addresses visited, when, kind of service.
    access: int = law(30, MINIMUM)
    # A person is kept while any of their sessions is, and this long after they were last seen.
    persons: int = law(30, MINIMUM)
    # Public Wi-Fi: RADIUS sessions from their last sign of life, NAT bindings from their end,
    # hotspots' BinAuth reports, and verified people (phone, devices) once their verification
    # has run out and none of their sessions is left.
    wifi_sessions: int = law(30, CT66)
    nat_bindings: int = law(30, CT66)
    wifi_gateway_events: int = law(30, CHOICE)
    wifi_users: int = law(30, CT66)

    def __post_init__(self):
        short = [f.name for f in fields(self) if getattr(self, f.name) < 1]
        if short:
            raise ValueError(f"a retention period is at least one day: {', '.join(short)}")
        short = [kind for kind in USER_DATA if getattr(self, kind) < LEGAL_MINIMUM_DAYS]
        if short:
            raise ValueError(
                f"user data is kept at least {LEGAL_MINIMUM_DAYS} days: {', '.join(short)}"
            )


PROFILES = ("default", "storage_request")


@dataclass(frozen=True)
class RetentionSettings:
    # "default": each kind its NETPOINT_RETENTION_DAYS; "storage_request": under the written
    # request received on storage_request_received (YYYY-MM-DD), until storage_request_ends
    # ("" while it has no end).
    # (Cited, so that `netpoint law` shows the profile in force with the numbers.)
    profile: str = law("default", f"{ND53}, Điều 26-27: hồ sơ lưu trữ khi có yêu cầu lưu trữ")
    storage_request_received: str = law(
        "", f"{ND53}, Điều 27 khoản 1: thời gian lưu trữ tính từ khi nhận được yêu cầu"
    )
    storage_request_ends: str = law("", f"{ND53}, Điều 27 khoản 1: đến khi kết thúc yêu cầu")
    user_data_days: int = law(
        USER_DATA_MINIMUM_DAYS,
        f"{ND53}, Điều 27 khoản 1: từ khi nhận được yêu cầu lưu trữ đến khi kết thúc yêu cầu, "
        "tối thiểu 24 tháng (dữ liệu của Điều 26 khoản 1)",
    )
    system_log_days: int = law(
        SYSTEM_LOG_MINIMUM_DAYS,
        f"{ND53}, Điều 27 khoản 3: nhật ký hệ thống lưu trữ tối thiểu 12 tháng",
    )

    def __post_init__(self):
        if self.profile not in PROFILES:
            raise ValueError(f"profile is one of {', '.join(PROFILES)}, not {self.profile!r}")
        if self.user_data_days < USER_DATA_MINIMUM_DAYS:
            raise ValueError(
                f"user_data_days is at least {USER_DATA_MINIMUM_DAYS} (24 months), not "
                f"{self.user_data_days}"
            )
        if self.system_log_days < SYSTEM_LOG_MINIMUM_DAYS:
            raise ValueError(
                f"system_log_days is at least {SYSTEM_LOG_MINIMUM_DAYS} (12 months), not "
                f"{self.system_log_days}"
            )
        received, ends = self.request_dates()
        if self.profile == "storage_request" and received is None:
            raise ValueError(
                "the storage_request profile needs storage_request_received, the day the "
                "request was received (YYYY-MM-DD): its time runs from it"
            )
        if received and ends and ends < received:
            raise ValueError("storage_request_ends is before storage_request_received")

    def request_dates(self) -> tuple[date | None, date | None]:
        """The request's first and last day, from their YYYY-MM-DD texts."""
        return (
            _day("storage_request_received", self.storage_request_received),
            _day("storage_request_ends", self.storage_request_ends),
        )


def _day(name: str, text: str) -> date | None:
    """A YYYY-MM-DD text's day; None for an empty one."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} is a date YYYY-MM-DD, not {text!r}") from None


conf = AppSettings(RetentionDays, "NETPOINT_RETENTION_DAYS")
profile = AppSettings(RetentionSettings, "NETPOINT_RETENTION")
