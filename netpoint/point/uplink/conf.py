"""The point's sender to its provider: NETPOINT_UPLINK overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class UplinkSettings:
    # Events per batch...
    batch_events: int = 10000
    # ...and at most this many bytes before compression (the provider takes up to its
    # NETPOINT_PROVIDER max_batch_bytes): access batches are large events.
    batch_bytes: int = 8 * 1024 * 1024
    # Batches in flight at once (the provider still stores them in order).
    pipeline: int = 2
    # Acknowledged events stay in the point's outbox this long (for a provider restored from
    # an older backup to be sent them again), then go.
    keep_sent_days: int = 30
    # A customer not seen for this long is sent again with their next session, so the
    # provider (which forgets people after its retention) always knows who a session is
    # (read by netpoint.point.sessions).
    resend_identity_after_days: int = 7
    # After a failure the sender waits this long, doubling with jitter up to the cap.
    retry_first_seconds: float = 1.0
    retry_max_seconds: float = 60.0
    idle_seconds: float = 1.0
    timeout_seconds: float = 30.0
    heartbeat_every_seconds: int = 60
    # Where the provider's policy counts a minor's minutes across points: how often the point
    # asks again while they play, and how long a check-in waits for the answer.
    minutes_refresh_seconds: int = 180
    minutes_timeout_seconds: float = 3.0
    # A provider with its own certificate authority: the CA's PEM file (else the system's);
    # the point's settings take it from NETPOINT_UPLINK_CA_FILE.
    ca_file: str = ""


conf = AppSettings(UplinkSettings, "NETPOINT_UPLINK")
