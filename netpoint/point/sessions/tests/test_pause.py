"""The cashier's pause ("Khóa máy" → "Tạm dừng phiên"): the session stays open, its clock and
charge stand still until "Mở lại"; closing time still ends it."""

from datetime import UTC, date, datetime, timedelta

import pytest

from netpoint.point.billing.models import LedgerEntry
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.sessions import services
from netpoint.point.sessions.models import Session, SessionPause
from netpoint.point.sessions.runner import PolicyRunner

pytestmark = pytest.mark.django_db


def view(session, clock):
    return services.running_views(clock.now())[session.station_id]


def test_a_paused_hour_is_not_charged(clock, cafe, make_member, cashier):
    account = make_member(balance=20000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=30))
    services.pause(session, cashier)
    clock.advance(timedelta(hours=1))
    services.resume(session, cashier)
    clock.advance(timedelta(minutes=30))
    assert services.check_out(session, cashier).charge == 6000  # an hour played at 6.000 đ


def test_the_charge_so_far_stands_still_while_paused(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=10))
    services.pause(session, cashier)
    clock.advance(timedelta(hours=2))
    assert view(session, clock)["charge_so_far"] == 1000


def test_a_walk_ins_time_left_does_not_run_down_while_paused(clock, cafe, make_customer, cashier):
    session = services.check_in(
        station=cafe["m1"], customer=make_customer(), kind="walk_in", prepaid=3000
    )
    clock.advance(timedelta(minutes=10))
    services.pause(session, cashier)
    left = view(session, clock)["seconds_left"]
    clock.advance(timedelta(minutes=40))
    assert left == 20 * 60
    assert view(session, clock)["seconds_left"] == left


def test_a_members_money_lasts_the_paused_time_longer(clock, cafe, make_member, cashier):
    account = make_member(balance=1000)  # ten minutes at 100 đ a minute
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=5))
    services.pause(session, cashier)
    clock.advance(timedelta(minutes=30))
    assert services.enforce() == []
    resumed = services.resume(session, cashier).ended_at
    clock.advance(timedelta(minutes=5, seconds=1))
    [ended] = services.enforce()
    assert (ended.ended_at, ended.end_reason) == (resumed + timedelta(minutes=5), "balance")
    account.refresh_from_db()
    assert ended.charge == 1000 and account.balance == 0


def test_the_runner_does_not_end_a_paused_session_for_its_balance(
    clock, cafe, make_member, cashier
):
    account = make_member(balance=1000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    runner = PolicyRunner()
    runner.tick()
    clock.advance(timedelta(minutes=5))
    services.pause(session, cashier)
    clock.advance(timedelta(minutes=6))  # past the moment the runner had kept
    assert runner.tick() == []
    assert Session.objects.get(pk=session.pk).is_open


def test_the_runner_ends_a_resumed_session_when_its_money_runs_out(
    clock, cafe, make_member, cashier
):
    account = make_member(balance=1000)  # ten minutes
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=9, seconds=50))
    services.pause(session, cashier)
    runner = PolicyRunner()
    runner.tick()  # keeps the paused session's end: closing time
    clock.advance(timedelta(seconds=5))
    resumed = services.resume(session, cashier).ended_at
    assert runner.tick() == []
    clock.advance(timedelta(seconds=11))  # well within the runner's full check of every end
    [ended] = runner.tick()
    assert ended.ended_at == resumed + timedelta(seconds=10)


def test_a_paused_session_ends_at_closing_time_billing_only_the_played_time(
    clock, cafe, make_customer, cashier
):
    clock.set(datetime(2026, 3, 10, 14, 0, tzinfo=UTC))  # 21:00, the point closes at 22:00
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=20))
    services.pause(session, cashier)
    clock.advance(timedelta(minutes=45))
    [ended] = services.enforce()
    closing = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
    assert (ended.ended_at, ended.end_reason, ended.charge) == (closing, "closing", 2000)
    assert SessionPause.objects.get(session=session).ended_at == closing


def test_a_minors_paused_time_does_not_count_towards_the_daily_limit(
    clock, cafe, make_customer, cashier
):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    session = services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    clock.advance(timedelta(hours=1))
    services.pause(session, cashier)
    clock.advance(timedelta(hours=1))
    services.resume(session, cashier)
    clock.advance(timedelta(hours=1, minutes=59))
    assert services.enforce() == []
    clock.advance(timedelta(minutes=2))
    [ended] = services.enforce()
    assert ended.end_reason == "minor_limit"
    assert ended.ended_at == session.started_at + timedelta(hours=4)


def test_a_minor_is_let_in_again_for_the_minutes_a_pause_left(clock, cafe, make_customer, cashier):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    first = services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    clock.advance(timedelta(hours=1))
    services.pause(first, cashier)
    clock.advance(timedelta(hours=1))
    services.resume(first, cashier)
    clock.advance(timedelta(hours=1))
    services.check_out(first, cashier)  # two hours played of three
    second = services.check_in(station=cafe["m2"], customer=minor, kind="walk_in")
    assert view(second, clock)["ends_at"] == clock.now() + timedelta(hours=1)


def test_pausing_a_paused_session_is_refused(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    services.pause(session, cashier)
    with pytest.raises(services.PauseRefused, match="đang tạm dừng"):
        services.pause(session, cashier)
    assert SessionPause.objects.count() == 1


def test_resuming_a_session_not_paused_is_refused(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    with pytest.raises(services.PauseRefused, match="không ở trạng thái tạm dừng"):
        services.resume(session, cashier)
    assert not LedgerEntry.objects.filter(kind="session_resume").exists()


def test_pausing_an_ended_session_is_refused(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    services.check_out(session, cashier)
    with pytest.raises(services.PauseRefused, match="đã kết thúc"):
        services.pause(session, cashier)


def test_a_session_whose_money_ran_out_is_ended_rather_than_paused(
    clock, cafe, make_member, cashier
):
    account = make_member(balance=1000)
    session = services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    clock.advance(timedelta(minutes=10, seconds=1))  # the runner has not come round yet
    with pytest.raises(services.PauseRefused, match="đã kết thúc"):
        services.pause(session, cashier)
    assert Session.objects.get(pk=session.pk).end_reason == "balance"


def test_ending_a_paused_session_closes_its_pause(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=10))
    services.pause(session, cashier)
    clock.advance(timedelta(minutes=10))
    ended = services.check_out(session, cashier)
    assert ended.charge == 1000
    assert SessionPause.objects.get(session=session).ended_at == ended.ended_at


def test_pause_and_resume_are_in_the_cashiers_ledger(clock, cafe, make_customer, cashier):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    services.pause(session, cashier)
    services.resume(session, cashier)
    entries = LedgerEntry.objects.filter(session=session, cashier=cashier)
    assert {"session_pause", "session_resume"} <= set(entries.values_list("kind", flat=True))


def test_a_paused_sessions_end_tells_the_provider_only_the_played_charge(
    clock, cafe, make_customer, cashier
):
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=10))
    services.pause(session, cashier)
    clock.advance(timedelta(hours=1))
    services.check_out(session, cashier)
    ended = OutboxEvent.objects.get(kind="session.ended")
    assert ended.envelope["data"]["charge"] == 1000


def test_the_provider_is_told_the_whole_list_of_pauses_in_events_it_accepts(
    clock, cafe, make_customer, cashier
):
    from netpoint.common.events.schema import problems

    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=10))
    services.pause(session, cashier)
    clock.advance(timedelta(minutes=5))
    services.resume(session, cashier)
    told = [e.envelope for e in OutboxEvent.objects.filter(kind="session.pauses")]
    assert [problems(e) for e in told] == [[], []]
    paused = (session.started_at + timedelta(minutes=10)).isoformat()
    resumed = (session.started_at + timedelta(minutes=15)).isoformat()
    assert [e["data"]["pauses"] for e in told] == [[[paused, None]], [[paused, resumed]]]
