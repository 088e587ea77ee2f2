"""Public Wi-Fi: the RADIUS server's and the captive portal's numbers; NETPOINT_WIFI overrides
any of them. Its records' retention is NETPOINT_RETENTION_DAYS's (netpoint.provider.records.conf).
"""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class WifiSettings:
    # A phone verification lets its user (and the devices they brought) on for this long.
    verification_days: int = 30
    # RFC 5080 section 2.2.2: a request seen again inside this window gets the cached reply.
    duplicate_window_seconds: int = 30
    # Told to the NAS in every Access-Accept (Acct-Interim-Interval).
    interim_interval_seconds: int = 300
    # Each UDP socket's receive buffer (the kernel caps it at net.core.rmem_max).
    receive_buffer_bytes: int = 4 * 1024 * 1024
    # A Disconnect-Request is sent this many times, waiting this long for each answer.
    disconnect_tries: int = 3
    disconnect_timeout_seconds: float = 2.0
    # Requests one group commit may hold.
    max_batch: int = 5000
    # The portal's one-time codes: how long one lives, how many tries it allows, and how many
    # a phone and a device may ask for in an hour.
    code_ttl_seconds: int = 300
    code_attempts: int = 5
    # A new code ("Gửi lại mã") no sooner than this after the last one, within the hourly limits.
    resend_after_seconds: int = 60
    codes_per_phone_hour: int = 3
    codes_per_device_hour: int = 5
    # Budgets per minute that a forged MAC and a new number each time do not get around (SMS
    # pumping): per address the phone form comes from (a hotspot's clients usually share its
    # public address, so this one stops an address that asks at many hotspots), per hotspot,
    # and for the whole portal.
    codes_per_address_minute: int = 10
    codes_per_nas_minute: int = 20
    codes_per_minute: int = 120
    # openNDS level 3: how long authmon lets the client on (minutes).
    session_minutes: int = 1440
    # Attempts (with their sealed phone) are needed for the hourly limits and the last page
    # only; the person and device stay in WifiUser and WifiDevice.
    attempt_retention_hours: int = 24
    # Who the code's SMS says it is from (the enterprise providing the Wi-Fi).
    provider_name: str = "Netpoint"


conf = AppSettings(WifiSettings, "NETPOINT_WIFI")
