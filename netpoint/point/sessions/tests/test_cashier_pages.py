from datetime import UTC, datetime, timedelta

import pytest

from netpoint.point.billing.models import LedgerEntry
from netpoint.point.sessions.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


def test_check_in_by_id_number_opens_the_station(signed_in, cafe, make_customer):
    customer = make_customer()
    response = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"lookup": customer.id_number, "kind": "walk_in"}
    )
    assert response.status_code == 302
    assert Session.objects.get().customer == customer


def test_check_in_for_an_unknown_customer_says_to_register(signed_in, cafe):
    response = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"lookup": "079000000000", "kind": "walk_in"}
    )
    assert "hãy đăng ký khách mới" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "walk_in"},
        {"lookup": "x", "kind": "vip"},
        {"lookup": "x", "kind": "walk_in", "prepaid": "-1"},
    ],
)
def test_bad_check_in_input_is_refused(signed_in, cafe, data):
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/check-in/", data)
    assert response.status_code == 200 and not Session.objects.exists()


def test_a_refused_check_in_shows_the_reason(signed_in, cafe, make_customer, clock):
    clock.set(datetime(2026, 3, 10, 16, 0, tzinfo=UTC))
    customer = make_customer()
    response = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"lookup": customer.id_number, "kind": "walk_in"}
    )
    assert "ngoài giờ mở cửa" in response.content.decode()


@pytest.mark.parametrize("chosen", ["abc", "99999", "-1"])
def test_check_in_page_ignores_a_bad_customer_choice(signed_in, cafe, chosen):
    response = signed_in.get(f"/stations/{cafe['m1'].pk}/check-in/?customer={chosen}")
    assert response.status_code == 200


def test_check_in_page_names_the_customer_just_registered(signed_in, cafe, make_customer):
    customer = make_customer()
    response = signed_in.get(f"/stations/{cafe['m1'].pk}/check-in/?customer={customer.pk}")
    assert customer.full_name in response.content.decode()


def test_check_in_of_a_missing_station_is_404(signed_in):
    assert signed_in.get("/stations/999/check-in/").status_code == 404


def test_check_out_shows_the_amount_then_bills(signed_in, cafe, make_customer, clock):
    customer = make_customer()
    signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"lookup": customer.id_number, "kind": "walk_in"}
    )
    session = Session.objects.get()
    clock.advance(timedelta(minutes=45))
    page = signed_in.get(f"/sessions/{session.pk}/check-out/").content.decode()
    assert "4.500 đ" in page
    response = signed_in.post(f"/sessions/{session.pk}/check-out/")
    assert response["Location"] == f"/sessions/{session.pk}/pay/"
    assert not LedgerEntry.objects.filter(kind="walk_in_payment").exists()  # not paid yet
    assert "4.500 đ" in signed_in.get(response["Location"]).content.decode()
    paid = signed_in.post(response["Location"], {"method": "cash", "received": 10000})
    receipt = signed_in.get(paid["Location"]).content.decode()
    assert "10.000 đ" in receipt and "5.500 đ" in receipt  # received, change
    assert LedgerEntry.objects.get(kind="walk_in_payment").cash == 4500


def test_grid_shows_each_station_status(signed_in, cafe, make_customer, clock):
    from netpoint.point.sessions import services

    services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    page = signed_in.get("/stations/grid/").content.decode()
    # M01 runs a session but its client never called in: the cashier must see it.
    assert 'data-station="M01" data-status="silent"' in page
    assert 'data-station="M02" data-status="offline"' in page


def test_an_unpaid_walk_in_ended_by_policy_waits_for_payment(signed_in, cafe, make_customer, clock):
    from netpoint.point.sessions import services

    clock.set(datetime(2026, 3, 10, 14, 30, tzinfo=UTC))
    session = services.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.set(datetime(2026, 3, 10, 15, 0, 1, tzinfo=UTC))
    services.enforce()
    page = signed_in.get("/stations/grid/").content.decode()
    assert 'data-station="M01" data-status="awaiting_payment"' in page
    signed_in.post(f"/sessions/{session.pk}/settle/")
    assert LedgerEntry.objects.get(kind="walk_in_payment").cash == 3000


def test_lock_unlock_and_message_are_recorded(signed_in, cafe):
    station = cafe["m1"]
    signed_in.post(f"/stations/{station.pk}/unlock/")
    station.refresh_from_db()
    assert station.maintenance_unlocked
    signed_in.post(f"/stations/{station.pk}/lock/")
    station.refresh_from_db()
    assert not station.maintenance_unlocked
    signed_in.post(f"/stations/{station.pk}/message/", {"text": "Xin chào"})
    kinds = set(LedgerEntry.objects.values_list("kind", flat=True))
    assert {"station_unlock", "station_lock", "station_message"} <= kinds


def test_an_empty_message_is_refused(signed_in, cafe):
    response = signed_in.post(f"/stations/{cafe['m1'].pk}/message/", {"text": "   "})
    assert response.status_code == 200
    assert "bắt buộc" in response.content.decode()


def test_lock_needs_post(signed_in, cafe):
    assert signed_in.get(f"/stations/{cafe['m1'].pk}/lock/").status_code == 405


def test_pairing_code_page_shows_a_code(signed_in, cafe):
    page = signed_in.post(f"/stations/{cafe['m1'].pk}/pairing-code/").content.decode()
    assert 'data-testid="pairing-code"' in page


def test_shift_report_adds_up_the_drawer(signed_in, cafe, make_member, cashier):
    from netpoint.point.customers.services import top_up

    top_up(make_member(balance=0), 50000, cashier)
    page = signed_in.get("/shift/").content.decode()
    assert 'data-testid="expected-cash">50.000 đ<' in page


def test_closing_a_shift_records_the_counted_cash(signed_in):
    response = signed_in.post("/shift/", {"counted_cash": "0"})
    assert response.status_code == 302
    assert "Chênh lệch" in signed_in.get(response["Location"]).content.decode()


@pytest.mark.parametrize("value", ["", "-1", "nhiều"])
def test_closing_a_shift_with_a_bad_count_is_refused(signed_in, value):
    response = signed_in.post("/shift/", {"counted_cash": value})
    assert response.status_code == 200


def test_english_is_available(signed_in):
    signed_in.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = signed_in.get("/").content.decode()
    assert "Stations" in page


def test_another_cashiers_or_a_missing_shift_is_404(signed_in, django_user_model):
    from netpoint.point.billing.services import current_shift

    other = current_shift(django_user_model.objects.create_user("khac", password="x-y-z-1234"))
    assert signed_in.get(f"/shift/{other.pk}/").status_code == 404
    assert signed_in.get("/shift/999999/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/sessions/999999/", "/sessions/999999/check-out/", "/customers/999999/"]
)
def test_missing_records_are_404(signed_in, url):
    assert signed_in.get(url).status_code == 404
