import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from netpoint.point.customers import services as customers
from netpoint.point.customers.models import MemberAccount
from netpoint.point.sessions import services as sessions

pytestmark = pytest.mark.django_db

PAGES = [
    "/chu-quan/",
    "/chu-quan/bao-cao.xlsx",
    "/chu-quan/khach-hang/",
    "/chu-quan/phien/",
    "/chu-quan/bang-gia/",
]


@pytest.mark.parametrize("url", PAGES)
def test_a_cashier_is_refused_the_owners_pages_in_vietnamese(client, cashier, url):
    client.force_login(cashier)
    answer = client.get(url)
    assert answer.status_code == 403
    assert "Tài khoản của bạn không có quyền mở trang này." in answer.content.decode()


def test_a_cashier_cannot_reset_a_members_password(client, cashier, make_member):
    account = make_member(0)
    client.force_login(cashier)
    answer = client.post(f"/chu-quan/khach-hang/{account.customer_id}/dat-lai-mat-khau/")
    assert answer.status_code == 403
    account.refresh_from_db()
    assert account.check_password("mat-khau-hoi-vien")


def test_the_owner_sees_the_manage_link_and_a_cashier_does_not(client, owner, cashier):
    client.force_login(cashier)
    assert "Quản lý" not in client.get("/shift/").content.decode()
    client.force_login(owner)
    assert 'href="/chu-quan/">Quản lý' in client.get("/shift/").content.decode()


def test_a_range_ending_before_it_starts_is_a_form_error(owner_client):
    answer = owner_client.get("/chu-quan/?tu=2026-03-10&den=2026-03-01")
    assert answer.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in answer.content.decode()


def test_a_malformed_date_is_a_form_error(owner_client):
    answer = owner_client.get("/chu-quan/bao-cao.xlsx?tu=hom-qua&den=2026-03-01")
    assert answer.status_code == 400
    assert "Nhập một ngày hợp lệ." in answer.content.decode()


def test_the_workbook_holds_the_days_revenue_and_top_ups(
    owner_client, clock, cafe, make_customer, make_member, cashier
):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    clock.advance(timedelta(hours=2))
    sessions.check_out(session, cashier)
    customers.top_up(make_member(0), 50000, cashier)
    answer = owner_client.get("/chu-quan/bao-cao.xlsx?tu=2026-03-10&den=2026-03-10")
    book = load_workbook(io.BytesIO(answer.content))
    by_day = list(book["Doanh thu theo ngày"].values)
    assert by_day[1] == ("10/03", 12000) and by_day[-1] == ("Tổng", 12000)
    assert list(book["Nạp tiền theo ngày"].values)[-1] == ("Tổng", 50000)
    assert list(book["Doanh thu theo khu vực"].values)[1] == ("Thường", 12000)


def test_a_bad_phone_on_the_edit_page_is_a_vietnamese_error(owner_client, make_customer):
    customer = make_customer()
    answer = owner_client.post(
        f"/chu-quan/khach-hang/{customer.pk}/",
        {"full_name": "Tên Mới", "address": "1 Lê Lợi", "phone": "12345"},
    )
    assert answer.status_code == 400
    assert "Số điện thoại" in answer.content.decode()
    customer.refresh_from_db()
    assert customer.full_name != "Tên Mới"


def test_moving_to_a_station_in_use_says_so(owner_client, clock, cafe, make_customer):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    sessions.check_in(station=cafe["m2"], customer=make_customer(), kind="walk_in")
    answer = owner_client.post(
        f"/chu-quan/phien/{session.pk}/chuyen-may/", {"station": cafe["m2"].pk}
    )
    assert answer.status_code == 409
    assert "Máy M02 đang có người sử dụng." in answer.content.decode()


def test_moving_to_no_station_says_so(owner_client, clock, cafe, make_customer):
    session = sessions.check_in(station=cafe["m1"], customer=make_customer(), kind="walk_in")
    answer = owner_client.post(f"/chu-quan/phien/{session.pk}/chuyen-may/", {"station": "x"})
    assert answer.status_code == 400
    assert "Hãy chọn một máy trống." in answer.content.decode()


def test_a_rate_that_is_not_a_number_is_a_form_error(owner_client, cafe):
    rate = cafe["zone"].rates.get()
    answer = owner_client.post(f"/chu-quan/bang-gia/gia/{rate.pk}/", {"hourly_rate": "abc"})
    assert answer.status_code == 400
    assert "Giá mỗi giờ phải là một số nguyên (VND)." in answer.content.decode()
    rate.refresh_from_db()
    assert rate.hourly_rate == 6000


def test_a_username_with_accents_is_a_form_error_and_opens_no_account(owner_client, make_customer):
    customer = make_customer()
    answer = owner_client.post(
        f"/chu-quan/khach-hang/{customer.pk}/hoi-vien/", {"username": "khách quen"}
    )
    assert answer.status_code == 400
    assert "Tên đăng nhập chỉ gồm chữ không dấu" in answer.content.decode()
    assert not MemberAccount.objects.filter(customer=customer).exists()


def test_a_second_band_at_the_same_time_is_a_form_error(owner_client, cafe):
    answer = owner_client.post(
        f"/chu-quan/bang-gia/khu-vuc/{cafe['zone'].pk}/them/",
        {"starts_at": "00:00", "hourly_rate": "9000"},
    )
    assert answer.status_code == 400
    assert "Khu vực này đã có giá từ giờ này." in answer.content.decode()
    assert cafe["zone"].rates.count() == 1
