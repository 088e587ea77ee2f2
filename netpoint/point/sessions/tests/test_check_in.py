from datetime import UTC, date, datetime, timedelta

import pytest

from netpoint.point.billing.models import LedgerEntry
from netpoint.point.sessions import services
from netpoint.point.sessions.models import Session

pytestmark = pytest.mark.django_db

# 21:59 and 22:00 in Ho Chi Minh City (UTC+7).
BEFORE_CLOSING = datetime(2026, 3, 10, 14, 59, tzinfo=UTC)
AT_CLOSING = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def test_walk_in_check_in_opens_a_session_and_records_it(clock, cafe, make_customer, cashier):
    customer = make_customer()
    session = services.check_in(
        station=cafe["m1"], customer=customer, kind=Session.Kind.WALK_IN, cashier=cashier
    )
    assert session.is_open and session.started_at == clock.now()
    assert session.rate_bands == [["00:00", 6000]]
    assert LedgerEntry.objects.filter(kind="check_in", session=session, cashier=cashier).exists()


def test_prepaid_walk_in_puts_cash_in_the_drawer(clock, cafe, make_customer, cashier):
    session = services.check_in(
        station=cafe["m1"],
        customer=make_customer(),
        kind="walk_in",
        cashier=cashier,
        prepaid=10000,
    )
    entry = LedgerEntry.objects.get(kind="prepayment", session=session)
    assert entry.cash == 10000


def test_check_in_is_refused_on_a_busy_station(clock, cafe, make_customer):
    services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert "đang có người sử dụng" in refused.value.reasons[0]


def test_a_customer_cannot_hold_two_stations(clock, cafe, make_customer):
    customer = make_customer()
    services.check_in(station=cafe["m1"], customer=customer, kind="walk_in")
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m2"], customer=customer, kind="walk_in")
    assert "M01" in refused.value.reasons[0]


def test_game_point_accepts_check_in_at_21_59(clock, cafe, make_customer):
    clock.set(BEFORE_CLOSING)
    assert services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")


def test_game_point_refuses_check_in_at_22_00_and_says_when_it_reopens(clock, cafe, make_customer):
    clock.set(AT_CLOSING)
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert "ngoài giờ mở cửa" in refused.value.reasons[0]
    assert "08:00 11/03/2026" in refused.value.reasons[0]
    assert not Session.objects.exists()


def test_internet_agency_without_provincial_hours_is_open_at_night(clock, cafe, make_customer):
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    clock.set(AT_CLOSING)
    assert services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")


def _played(customer, station, minutes, end):
    Session.objects.create(
        station=station,
        customer=customer,
        kind="walk_in",
        rate_bands=[["00:00", 6000]],
        started_at=end - timedelta(minutes=minutes),
        ended_at=end,
        charge=0,
        settled_at=end,
    )


def test_minor_with_179_minutes_today_may_check_in(clock, cafe, make_customer):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    _played(minor, cafe["m2"], 179, clock.now() - timedelta(minutes=5))
    assert services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")


def test_minor_with_180_minutes_today_is_refused_until_midnight(clock, cafe, make_customer):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    _played(minor, cafe["m2"], 180, clock.now() - timedelta(minutes=5))
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    assert "180 phút" in refused.value.reasons[0]
    assert "00:00 11/03/2026" in refused.value.reasons[0]


def test_minutes_played_yesterday_do_not_count_today(clock, cafe, make_customer):
    minor = make_customer(date_of_birth=date(2010, 1, 1), guardian=make_customer())
    _played(minor, cafe["m2"], 180, clock.now() - timedelta(hours=11))  # ended 23:00 yesterday
    assert services.check_in(station=cafe["m1"], customer=minor, kind="walk_in")


def test_child_without_guardian_is_refused(clock, cafe, make_customer):
    child = make_customer(date_of_birth=date(2014, 6, 1))
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=child, kind="walk_in")
    assert "người giám hộ" in refused.value.reasons[0]


def test_member_with_empty_balance_is_refused(clock, cafe, make_member):
    account = make_member(balance=0)
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=account.customer, kind="member")
    assert "không đủ tiền" in refused.value.reasons[0]


def test_member_with_less_than_a_minute_of_money_is_refused(clock, cafe, make_member):
    account = make_member(balance=99)  # one minute costs 100 VND
    with pytest.raises(services.CheckInRefused):
        services.check_in(station=cafe["m1"], customer=account.customer, kind="member")


def test_member_check_in_needs_an_account(clock, cafe, make_customer):
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="member")
    assert "chưa có tài khoản" in refused.value.reasons[0]


def test_unknown_session_kind_is_refused(clock, cafe, make_customer):
    with pytest.raises(services.CheckInRefused):
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="free")


def test_negative_prepayment_is_refused(clock, cafe, make_customer):
    with pytest.raises(services.CheckInRefused):
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in", prepaid=-1)


def test_zone_without_rates_is_refused(clock, cafe, make_customer):
    cafe["zone"].rates.all().delete()
    with pytest.raises(services.CheckInRefused) as refused:
        services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    assert "chưa có bảng giá" in refused.value.reasons[0]


def test_a_top_up_just_made_counts_at_check_in(clock, cafe, make_member, cashier):
    from netpoint.point.customers.services import top_up

    account = make_member(balance=0)
    customer = account.customer
    assert customer.account.balance == 0  # this object now remembers the old balance
    top_up(account, 5000, cashier)
    assert services.check_in(station=cafe["m1"], customer=customer, kind="member")
