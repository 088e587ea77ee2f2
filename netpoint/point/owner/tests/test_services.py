from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from netpoint.common.audit.models import AuditEntry
from netpoint.point.customers import services as customers
from netpoint.point.sessions import services as sessions
from netpoint.point.stations import services as stations
from netpoint.point.stations.models import ZoneRate

pytestmark = pytest.mark.django_db


def test_an_edit_records_which_fields_changed_but_not_their_values(make_customer, owner):
    customer = make_customer()
    changed = customers.update_customer(
        customer, {"full_name": "Trần Thị Bình", "address": customer.address}, owner
    )
    assert changed == ["full_name"]
    customer.refresh_from_db()
    assert customer.full_name == "Trần Thị Bình"
    entry = AuditEntry.objects.get(action="customer_updated")
    assert entry.detail == {"fields": ["full_name"]} and entry.actor == "chuquan"
    assert "Bình" not in str(entry.detail) + entry.target


def test_an_edit_with_a_bad_phone_saves_nothing(make_customer, owner):
    customer = make_customer()
    name = customer.full_name
    with pytest.raises(ValidationError) as refused:
        customers.update_customer(customer, {"full_name": "Khác", "phone": "12345"}, owner)
    assert "phone" in refused.value.message_dict
    customer.refresh_from_db()
    assert customer.full_name == name
    assert not AuditEntry.objects.filter(action="customer_updated").exists()


def test_a_walk_in_made_a_member_logs_in_with_the_password_shown(make_customer, owner):
    account, password = customers.make_member(make_customer(), "khach01", owner)
    assert account.username == "khach01" and account.check_password(password)
    assert AuditEntry.objects.filter(action="member_opened").exists()


def test_a_taken_username_is_refused(make_customer, make_member, owner):
    make_member(0, username="khach01")
    with pytest.raises(ValidationError) as refused:
        customers.make_member(make_customer(), "khach01", owner)
    assert "Tên đăng nhập này đã có người dùng." in refused.value.message_dict["username"]


def test_a_reset_password_replaces_the_old_one(make_member, owner):
    account = make_member(0)
    password = customers.reset_password(account, owner)
    account.refresh_from_db()
    assert account.check_password(password)
    assert not account.check_password("mat-khau-hoi-vien")
    assert AuditEntry.objects.filter(action="member_password_reset").count() == 1


def test_a_moved_session_keeps_its_id_and_time(clock, cafe, make_customer, owner):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    moved = sessions.move(session, cafe["m2"], owner)
    assert moved.pk == session.pk and moved.station_id == cafe["m2"].pk
    assert moved.started_at == session.started_at
    assert sessions.current_charge(moved, clock.now()) == 3000
    entry = AuditEntry.objects.get(action="session_moved")
    assert entry.detail == {"from": "M01", "to": "M02"}


def test_the_new_station_unlocks_and_the_old_one_locks(clock, cafe, make_customer, owner):
    _station, token_1 = stations.pair(stations.new_pairing_code(cafe["m1"]))
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.move(session, cafe["m2"], owner)
    assert stations.station_state(cafe["m1"])["state"] == "locked"
    assert stations.station_state(cafe["m2"])["state"] == "unlocked"


def told_moves() -> list[dict]:
    from netpoint.common.events.schema import problems
    from netpoint.point.outbox.models import OutboxEvent

    told = [e.envelope for e in OutboxEvent.objects.filter(kind="session.moved").order_by("pk")]
    assert [problems(e) for e in told] == [[] for _ in told]
    return [e["data"] for e in told]


def test_the_provider_is_told_where_a_moved_session_was_and_since_when(
    clock, cafe, make_customer, owner
):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    sessions.move(session, cafe["m2"], owner)
    started, moved = session.started_at.isoformat(), clock.now().isoformat()
    assert told_moves() == [
        {
            "session": session.pk,
            "started_at": started,
            "stations": [["M01", started], ["M02", moved]],
        }
    ]


def test_a_second_move_tells_the_whole_longer_list(clock, cafe, make_customer, owner):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    sessions.move(session, cafe["m2"], owner)
    first = clock.now().isoformat()
    clock.advance(timedelta(minutes=15))
    sessions.move(session, cafe["m1"], owner)
    started, second = session.started_at.isoformat(), clock.now().isoformat()
    assert [told["stations"] for told in told_moves()] == [
        [["M01", started], ["M02", first]],
        [["M01", started], ["M02", first], ["M01", second]],
    ]


def test_a_move_to_a_station_in_use_is_refused(clock, cafe, make_customer, owner):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.check_in(station=cafe["m2"], customer=make_customer(), kind="walk_in")
    with pytest.raises(sessions.MoveRefused, match="Máy M02 đang có người sử dụng."):
        sessions.move(session, cafe["m2"], owner)
    session.refresh_from_db()
    assert session.station_id == cafe["m1"].pk
    assert told_moves() == []


def test_a_paused_session_moves_paused(clock, cafe, make_customer, owner):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.pause(session)
    moved = sessions.move(session, cafe["m2"], owner)
    assert moved.is_paused
    assert stations.station_state(cafe["m2"])["state"] == "locked"


def test_an_ended_session_cannot_be_moved(clock, cafe, make_customer, owner, cashier):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.check_out(session, cashier)
    with pytest.raises(sessions.MoveRefused, match="đã kết thúc"):
        sessions.move(session, cafe["m2"], owner)


def test_a_rate_change_is_audited_with_old_and_new(cafe, owner):
    rate = ZoneRate.objects.get(zone=cafe["zone"])
    stations.set_rate(rate, 8000, owner)
    rate.refresh_from_db()
    assert rate.hourly_rate == 8000
    entry = AuditEntry.objects.get(action="zone_rate_changed")
    assert entry.detail == {"starts_at": "00:00", "old": 6000, "new": 8000}


def test_a_zero_rate_is_refused(cafe, owner):
    rate = ZoneRate.objects.get(zone=cafe["zone"])
    with pytest.raises(ValidationError):
        stations.set_rate(rate, 0, owner)
    rate.refresh_from_db()
    assert rate.hourly_rate == 6000


def test_a_second_band_at_the_same_time_is_refused(cafe, owner):
    stations.add_rate(cafe["zone"], stations.RateBand(time(18, 0), 7000), owner)
    with pytest.raises(ValidationError):
        stations.add_rate(cafe["zone"], stations.RateBand(time(18, 0), 9000), owner)
    assert cafe["zone"].rate_bands() == [(time(0, 0), 6000), (time(18, 0), 7000)]
