"""The access log (REQUIREMENTS A.7), read from the café gateway's own logs: NETPOINT_ACCESSLOG
overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law

# The legal minimum of the point's access records, as of its usage records.
MINIMUM_DAYS = 30


@dataclass(frozen=True)
class AccessLogSettings:
    # Days the point keeps its access records (the provider keeps its own, by
    # NETPOINT_RETENTION_DAYS access).
    retention_days: int = law(
        MINIMUM_DAYS,
        "REQUIREMENTS A.7; ít nhất 30 ngày như thông tin sử dụng dịch vụ (công văn 1515/BBCVT-VT, "
        "seed 002, mục 2.b); Nghị định 147/2024/NĐ-CP: chưa đối chiếu được điều khoản",
    )
    # The provider's lists of domains and ports per kind of service (JSON, the shape of
    # netpoint.point.accesslog.classify.DEFAULT_SERVICES); empty: the built-in lists. The
    # point's settings take it from NETPOINT_ACCESSLOG_SERVICES.
    services_file: str = ""
    # The zone of the gateway's clock, for log formats whose times carry none.
    gateway_zone: str = "Asia/Ho_Chi_Minh"
    entries_per_event: int = 2000
    # Unreadable lines kept, per source, to show what went wrong.
    sample_lines: int = 20
    # Lines from an address no session held within this many minutes raise the alarm on the
    # cashier's grid: long enough to be seen at the counter, short enough to mean "now".
    alarm_minutes: int = 10
    chunk_bytes: int = 4 * 1024 * 1024
    poll_seconds: float = 1.0

    def __post_init__(self):
        if self.retention_days < MINIMUM_DAYS:
            raise ValueError(
                f"retention_days is at least {MINIMUM_DAYS} (the legal minimum), not "
                f"{self.retention_days}"
            )


conf = AppSettings(AccessLogSettings, "NETPOINT_ACCESSLOG")
