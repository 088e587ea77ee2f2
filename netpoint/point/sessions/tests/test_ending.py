import time as wallclock
from datetime import UTC, date, datetime, timedelta

import pytest

from netpoint.point.billing.models import LedgerEntry
from netpoint.point.customers.models import MemberAccount
from netpoint.point.sessions import services
from netpoint.point.sessions.models import Session
from netpoint.point.sessions.runner import PolicyRunner

pytestmark = pytest.mark.django_db


def test_member_check_out_charges_each_started_minute(clock, cafe, make_member, cashier):
    account = make_member(balance=20000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=30, seconds=1))
    session = services.check_out(session, cashier)
    assert session.charge == 3100  # 31 started minutes at 100 VND
    assert session.end_reason == "check_out" and session.settled_at is not None
    account.refresh_from_db()
    assert account.balance == 16900
    entry = LedgerEntry.objects.get(kind="member_charge", session=session)
    assert entry.balance_change == -3100 and entry.cash == 0


def test_walk_in_pays_at_check_out(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(hours=1))
    session = services.check_out(session, cashier)
    assert session.charge == 6000
    assert LedgerEntry.objects.get(kind="walk_in_payment", session=session).cash == 6000


def test_prepaid_walk_in_gets_the_change_back(clock, cafe, make_customer, cashier):
    session = services.check_in(
        station=cafe["m1"], customer=make_customer(), kind="walk_in", prepaid=10000
    )
    clock.advance(timedelta(minutes=20))
    services.check_out(session, cashier)
    assert LedgerEntry.objects.get(kind="refund", session=session).cash == -8000


def test_ending_twice_bills_once(clock, cafe, make_member, cashier):
    account = make_member(balance=20000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=10))
    services.check_out(session, cashier)
    clock.advance(timedelta(minutes=10))
    services.check_out(session, cashier)
    account.refresh_from_db()
    assert account.balance == 19000
    assert LedgerEntry.objects.filter(kind="member_charge").count() == 1


def test_minor_session_ends_at_the_exact_limit_moment(clock, cafe, make_customer):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    session = services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    clock.advance(timedelta(minutes=179, seconds=59))
    assert services.enforce() == []
    clock.advance(timedelta(seconds=3))
    [ended] = services.enforce()
    assert ended.pk == session.pk and ended.end_reason == "minor_limit"
    assert ended.ended_at == session.started_at + timedelta(minutes=180)
    assert ended.charge == 18000 and ended.settled_at is None  # the walk-in still owes the till


def test_adult_session_is_not_limited_to_180_minutes(clock, cafe, make_customer):
    services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=200))
    assert services.enforce() == []


def test_customer_turning_18_today_is_not_limited(clock, cafe, make_customer):
    today = clock.now().date()
    adult = make_customer(date_of_birth=today.replace(year=today.year - 18))
    services.check_in(station=cafe["m1"], customer=adult, kind="walk_in")
    clock.advance(timedelta(minutes=200))
    assert services.enforce() == []


def test_session_ends_at_closing_time(clock, cafe, make_customer):
    clock.set(datetime(2026, 3, 10, 14, 0, tzinfo=UTC))  # 21:00 local
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.set(datetime(2026, 3, 10, 15, 0, 2, tzinfo=UTC))
    [ended] = services.enforce()
    assert ended.end_reason == "closing"
    assert ended.ended_at == datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
    assert ended.pk == session.pk


def test_member_session_ends_when_the_balance_is_spent(clock, cafe, make_member):
    account = make_member(balance=1000)  # ten minutes
    services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=15))
    [ended] = services.enforce()
    assert ended.end_reason == "balance" and ended.charge == 1000
    assert MemberAccount.objects.get(pk=account.pk).balance == 0


def test_top_up_during_a_session_extends_it(clock, cafe, make_member, cashier):
    from netpoint.point.customers.services import top_up

    account = make_member(balance=1000)
    services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=5))
    top_up(account, 1000, cashier)
    clock.advance(timedelta(minutes=10))
    assert services.enforce() == []


def test_a_restart_after_the_limit_ends_the_session_at_the_limit_not_later(
    clock, cafe, make_member
):
    account = make_member(balance=1000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(hours=3))  # the server was down for three hours
    [ended] = services.enforce()
    assert ended.ended_at == session.started_at + timedelta(minutes=10)
    assert ended.charge == 1000
    assert services.enforce() == []


@pytest.mark.django_db(transaction=True)
def test_runner_ends_a_minor_session_within_5_seconds_of_the_limit(clock, cafe, make_customer):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    session = services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    limit = session.started_at + timedelta(minutes=180)
    clock.running = True  # from here the fake clock ticks with the wall clock
    clock.set(limit - timedelta(seconds=2))
    runner = PolicyRunner(interval=1.0)
    runner.start()
    try:
        deadline = wallclock.monotonic() + 7
        while wallclock.monotonic() < deadline:
            session.refresh_from_db()
            if not session.is_open:
                break
            wallclock.sleep(0.2)
    finally:
        runner.stop()
        runner.join(5)
    assert not session.is_open, "the runner did not end the session"
    assert session.ended_at == limit
    assert clock.now() - limit <= timedelta(seconds=5)


def test_runner_survives_a_failing_tick(clock, cafe, monkeypatch):
    calls = []

    def failing():
        calls.append(1)
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "open_session_ids", failing)
    runner = PolicyRunner(interval=0.05)
    runner.start()
    wallclock.sleep(0.3)
    runner.stop()
    runner.join(2)
    assert len(calls) >= 2


def test_sessions_of_day_lists_today_and_running_sessions(clock, cafe, make_customer):
    old = Session.objects.create(
        station=cafe["m2"],
        customer=make_customer(),
        kind="walk_in",
        rate_bands=[["00:00", 1]],
        started_at=clock.now() - timedelta(days=2),
        ended_at=clock.now() - timedelta(days=2),
    )
    running = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    listed = list(services.sessions_of_day())
    assert running in listed and old not in listed


def test_runner_ends_sessions_at_their_moment_from_what_it_keeps(clock, cafe, make_member):
    account = make_member(balance=1000)  # ten minutes
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    runner = PolicyRunner()
    assert runner.tick() == []
    clock.advance(timedelta(minutes=9, seconds=59))
    assert runner.tick() == []
    clock.advance(timedelta(seconds=2))
    [ended] = runner.tick()
    assert ended.pk == session.pk and ended.ended_at == session.started_at + timedelta(minutes=10)


def test_runner_does_not_end_a_session_a_top_up_extended(clock, cafe, make_member, cashier):
    from netpoint.point.customers.services import top_up

    account = make_member(balance=1000)
    services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    runner = PolicyRunner()
    runner.tick()
    top_up(account, 1000, cashier)
    clock.advance(timedelta(minutes=11))
    assert runner.tick() == []
    clock.advance(timedelta(minutes=10))
    assert [s.end_reason for s in runner.tick()] == ["balance"]


def test_runner_picks_up_sessions_started_after_it(clock, cafe, make_member, make_customer):
    runner = PolicyRunner()
    runner.tick()
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    clock.advance(timedelta(seconds=1))
    runner.tick()
    clock.advance(timedelta(minutes=180))
    assert [s.end_reason for s in runner.tick()] == ["minor_limit"]


def test_runner_applies_new_opening_hours_within_its_full_check(clock, cafe, make_customer):
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    clock.set(datetime(2026, 3, 10, 14, 0, tzinfo=UTC))  # 21:00 local
    services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    runner = PolicyRunner()
    runner.tick()
    cafe["profile"].point_type = "game"
    cafe["profile"].save()
    clock.set(datetime(2026, 3, 10, 15, 0, 31, tzinfo=UTC))  # 22:00:31, past a full check
    [ended] = runner.tick()
    assert ended.ended_at == datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
