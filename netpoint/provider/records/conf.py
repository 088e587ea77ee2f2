"""Days each kind of record is kept on the provider, after which the daily retention job
(netpoint.provider.records.retention) deletes it: NETPOINT_RETENTION_DAYS overrides any of them.

One owner for every provider app's kinds, so that one setting names every retention period:
access records (netpoint.provider.accessrecords), public Wi-Fi (modules.wifi) and NAT bindings
(modules.nat) read theirs from here; a module left out leaves its number unread. The online
games operator's periods are its own (NETPOINT_GAMES), as its rules differ.
"""

from dataclasses import dataclass, fields

from netpoint.common.core.appsettings import AppSettings, law

B3 = "REQUIREMENTS B.3: usage and access records at least 30 days (article to confirm)"


@dataclass(frozen=True)
class RetentionDays:
    sessions: int = law(30, B3)
    heartbeats: int = law(30, B3)
    received_events: int = law(30, B3)
    # Access records: addresses visited, when, kind of service.
    access: int = law(30, B3)
    # A person is kept while any of their sessions is, and this long after they were last seen.
    persons: int = law(30, B3)
    # Public Wi-Fi (Chỉ thị 66/CT-BTTTT): RADIUS sessions from their last sign of life, NAT
    # bindings from their end, hotspots' BinAuth reports, and verified people (phone, devices)
    # once their verification has run out and none of their sessions is left.
    wifi_sessions: int = law(30, B3)
    nat_bindings: int = law(30, B3)
    wifi_gateway_events: int = law(30, B3)
    wifi_users: int = law(30, B3)

    def __post_init__(self):
        short = [f.name for f in fields(self) if getattr(self, f.name) < 1]
        if short:
            raise ValueError(f"a retention period is at least one day: {', '.join(short)}")


conf = AppSettings(RetentionDays, "NETPOINT_RETENTION_DAYS")
