"""The grid's page and fragment, as the server answers them: the refresh when signed out, the
confirmation before rare actions, what a running session shows."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from netpoint.point.stations.templatetags.grid import played_time


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


def test_the_refresh_signed_out_answers_401_with_the_login_address(client, cafe):
    response = client.get(reverse("station-grid-fragment"))
    assert response.status_code == 401
    assert response["X-Netpoint-Login"] == reverse("login")
    assert "id_username" not in response.content.decode()


def test_asking_for_a_maintenance_unlock_shows_a_question_and_unlocks_nothing(signed_in, cafe):
    station = cafe["m1"]
    page = signed_in.get(reverse("station-unlock", args=[station.pk])).content.decode()
    assert "Mở khóa bảo trì máy M01?" in page
    station.refresh_from_db()
    assert not station.maintenance_unlocked


def test_asking_for_a_pairing_code_shows_a_question_and_makes_no_code(signed_in, cafe):
    page = signed_in.get(reverse("station-pairing-code", args=[cafe["m1"].pk])).content.decode()
    assert "Tạo mã ghép máy mới cho M01?" in page
    assert 'data-testid="pairing-code"' not in page


def test_confirming_the_pairing_code_makes_one(signed_in, cafe):
    url = reverse("station-pairing-code", args=[cafe["m1"].pk])
    assert 'data-testid="pairing-code"' in signed_in.post(url).content.decode()


def test_the_grid_counts_the_stations_by_state(signed_in, cafe, make_customer):
    from netpoint.point.sessions import services as sessions

    sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    page = signed_in.get(reverse("station-grid-fragment")).content.decode()
    # M01 runs but its agent never called in; M02 was never switched on.
    assert 'data-count="lost"><strong>1</strong>' in page
    assert 'data-count="off"><strong>1</strong>' in page
    assert 'data-count="free"><strong>0</strong>' in page


def test_a_minor_is_marked_on_the_grid_row(cafe, clock, make_customer):
    from netpoint.point.sessions import services as sessions
    from netpoint.point.stations import services

    # 10 March 2026: seventeen, and eighteen tomorrow.
    minor = make_customer(date_of_birth=date(2008, 3, 11))
    sessions.check_in(station=cafe["m1"], customer=minor, kind="walk_in")
    rows = {row["station"].name: row for row in services.grid()}
    assert rows["M01"]["minor"] is True
    clock.advance(timedelta(days=1))
    rows = {row["station"].name: row for row in services.grid()}
    assert rows["M01"]["minor"] is False


def test_the_time_used_leaves_out_the_pause(cafe, clock, make_customer, cashier):
    from netpoint.point.sessions import services as sessions
    from netpoint.point.stations import services

    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=20))
    sessions.pause(session, cashier)
    clock.advance(timedelta(minutes=30))
    sessions.resume(session, cashier)
    clock.advance(timedelta(minutes=5))
    rows = {row["station"].name: row for row in services.grid()}
    assert rows["M01"]["used_seconds"] == 25 * 60


@pytest.mark.parametrize(
    ("seconds", "written"),
    [(59, "0 phút"), (25 * 60, "25 phút"), (2 * 3600 + 5 * 60 + 30, "2 giờ 05 phút")],
)
def test_the_time_used_is_written_in_hours_and_minutes(seconds, written):
    assert played_time(seconds) == written


@pytest.fixture
def open_all_night(cafe):
    cafe["profile"].point_type = "internet"
    cafe["profile"].save()
    return cafe


def test_a_session_ending_after_midnight_shows_the_day_it_ends(
    signed_in, open_all_night, clock, make_member
):
    from netpoint.point.sessions import services as sessions

    # 23:00 on 10 March in Ho Chi Minh City; 6.000 đ buys an hour, to midnight.
    clock.set(datetime(2026, 3, 10, 16, 0, tzinfo=UTC))
    member = make_member(balance=6000)
    sessions.check_in(station=open_all_night["m1"], customer=member.customer, kind="member")
    page = signed_in.get(reverse("station-grid-fragment")).content.decode()
    assert "đến 00:00 ngày 11/03" in page
    assert "Từ 23:00 ngày" not in page


def test_a_session_begun_yesterday_shows_the_day_it_began(
    signed_in, open_all_night, clock, make_customer
):
    from netpoint.point.sessions import services as sessions

    clock.set(datetime(2026, 3, 10, 16, 50, tzinfo=UTC))  # 23:50
    sessions.check_in(station=open_all_night["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(minutes=30))
    page = signed_in.get(reverse("station-grid-fragment")).content.decode()
    assert "Từ 23:50 ngày 10/03" in page
