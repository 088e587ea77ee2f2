"""The provider's terms with its points (enrollment, signed requests, batches, licences):
NETPOINT_PROVIDER overrides any of these.

One owner: the registry, which enrolls points and checks their signed requests; ingest
(netpoint.provider.records) reads the batch limits and the order wait, monitoring the licence
warning.
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings, law


@dataclass(frozen=True)
class ProviderSettings:
    # A signed request whose clock differs from ours by more than this is refused.
    clock_window_seconds: int = 300
    enrollment_code_hours: int = 72
    max_batch_events: int = 10000
    # Also Django's DATA_UPLOAD_MAX_MEMORY_SIZE in the provider's settings.
    max_batch_bytes: int = 16 * 1024 * 1024
    # Licences expiring within this many days are flagged.
    licence_warning_days: int = 30
    # How long a batch that arrived ahead of its predecessor waits for it before it is stored
    # anyway (the missing numbers are then recorded as a gap).
    order_wait_seconds: float = 2.0
    # Whether a minor's minutes today at every point of this provider count against the daily
    # limit, at the points where neither the point's record nor its province's rule says
    # (netpoint.provider.registry.policy). The law binds game publishers, not game points: at a
    # point it is this provider's or the province's choice, sent in the signed policy.
    minors_across_points: bool = law(
        False,
        "Nghị định 147/2024/NĐ-CP, Điều 39 khoản 1 điểm e (doanh nghiệp phát hành trò chơi); "
        "tại điểm trò chơi công cộng: quy định của doanh nghiệp hoặc của tỉnh",
    )


conf = AppSettings(ProviderSettings, "NETPOINT_PROVIDER")
