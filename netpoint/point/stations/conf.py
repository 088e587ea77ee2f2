"""The stations' timings: NETPOINT_STATION overrides any of these."""

from dataclasses import dataclass

from netpoint.common.core.appsettings import AppSettings


@dataclass(frozen=True)
class StationSettings:
    # A station that sends no heartbeat for this long while in use is shown "silent".
    silent_after_seconds: int = 20
    # Told to the agent in every poll's answer.
    heartbeat_every_seconds: int = 5
    poll_every_seconds: int = 2
    pairing_code_minutes: int = 10
    # A free station whose agent was talking (a poll every 2 s, a heartbeat every 5 s) and
    # falls silent without a goodbye (its lock killed, to use the PC unpaid) shows "máy trống
    # mất kết nối" on the cashier's grid within this many seconds (issue 23). The station
    # counts as silent after this less the grid's refresh (GRID_REFRESH_SECONDS) and the
    # policy runner's tick (1 s): 6 s by default, three polls missed, so a late poll raises
    # nothing.
    free_silent_alarm_seconds: int = 10
    # A station asking to be paired again (its disk was reset at boot) waits this long for the
    # cashier's approval, then asks anew; an approved one has as long again to collect its token.
    registration_minutes: int = 15
    # How many requests may wait at once: a flood from the LAN cannot bury the real ones.
    registrations_pending_at_most: int = 50


conf = AppSettings(StationSettings, "NETPOINT_STATION")
