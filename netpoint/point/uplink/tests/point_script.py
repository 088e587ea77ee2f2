"""What a point server does, run as a process of its own against a real provider: the policy
and cross-point tests (test_policy_processes.py) start one per step, each point with its own
SQLite database. Run as `python -m netpoint.point.uplink.tests.point_script <command> …`; it
prints one JSON line.

- `state [wish]`: sync with the provider (as the sender thread does), then what is in force;
  `wish` first sets the owner's wished type in the profile.
- `visit <local start> <minutes>`: a generated 15-year-old (always the same person) comes
  with their mother, checks in at the local time given, and plays up to `minutes` while the
  policies run; the session as it ended. The business clock is a fake one set to that day.
"""

import json
import os
import sys
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netpoint.point.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402

from netpoint.common.core import clock  # noqa: E402
from netpoint.common.core.clock import FakeClock  # noqa: E402
from netpoint.point.customers.models import Customer  # noqa: E402
from netpoint.point.profile.models import PointProfile  # noqa: E402
from netpoint.point.sessions import services as sessions  # noqa: E402
from netpoint.point.stations.models import Station, Zone, ZoneRate  # noqa: E402
from netpoint.point.uplink import policy  # noqa: E402
from netpoint.point.uplink import services as uplink  # noqa: E402
from netpoint.point.uplink.tests.test_sender import register  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BORN = date(2010, 6, 1)  # 15 years old in the spring of 2026


def sync() -> None:
    uplink.emit_heartbeat()
    uplink.drain(uplink.link())
    policy.forget()


def state(wish: str = "") -> dict:
    if wish:
        profile = PointProfile.current()
        profile.point_type = wish
        profile.save()
    sync()
    now = policy.in_force()
    held = policy.held_policy()
    return {
        "confirmed": now.confirmed,
        "point_type": now.point_type,
        "hours": [now.hours.opens.isoformat("minutes"), now.hours.closes.isoformat("minutes")]
        if now.hours
        else None,
        "hours_source": held.hours_source if held else None,
        "minors_across_points": now.minors_across_points,
        "conflicts": [c.field for c in policy.wish_conflicts(held)] if held else [],
    }


def visit(start: datetime, minutes: int) -> dict:
    with clock.use(FakeClock(start)) as fake:
        zone = Zone.objects.create(name="Thường")
        ZoneRate.objects.create(zone=zone, starts_at=clock_time(0, 0), hourly_rate=6000)
        station = Station.objects.create(name="M01", zone=zone)
        cashier = User.objects.create_user("thungan", password="mat-khau-thu-ngan-1")
        mother = register(cashier, 1975, date(1985, 3, 3))
        child = register(cashier, 15, BORN, guardian=mother, guardian_relation="Mẹ")
        sync()  # the sender thread's next round: the provider's policy comes back
        session = sessions.check_in(station=station, customer=child, kind="walk_in")
        planned = sessions.endings(start)[session.pk]
        # The policy runner, minute by minute, as `netpoint serve` runs it every second.
        for minute in range(1, minutes + 1):
            fake.set(start + timedelta(minutes=minute))
            if sessions.enforce():
                break
        session.refresh_from_db()
        if session.ended_at is None:
            session = sessions.check_out(session, cashier)
        sync()
        played = session.ended_at - session.started_at
        return {
            "minutes_unconfirmed": session.minutes_unconfirmed,
            "planned_end": planned.at.astimezone(VN).isoformat() if planned else None,
            "planned_reason": planned.reason if planned else None,
            "end_reason": session.end_reason,
            "ended_at": session.ended_at.astimezone(VN).isoformat(),
            "minutes_played": int(played.total_seconds() // 60),
            "customers": Customer.objects.count(),
        }


def main(argv: list[str]) -> dict:
    command, *args = argv
    if command == "state":
        return state(*args)
    if command == "visit":
        return visit(datetime.fromisoformat(args[0]).replace(tzinfo=VN), int(args[1]))
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)
