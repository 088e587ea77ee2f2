"""The access log (REQUIREMENTS A.7), read from the café gateway's own logs: NETPOINT_ACCESSLOG
overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law


@dataclass(frozen=True)
class AccessLogSettings:
    # Days the point keeps its access records (the provider keeps its own, by
    # NETPOINT_RETENTION_DAYS access).
    retention_days: int = law(30, "REQUIREMENTS A.7: at least 30 days (article to confirm)")
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


conf = AppSettings(AccessLogSettings, "NETPOINT_ACCESSLOG")
