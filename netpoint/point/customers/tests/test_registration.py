import random
from datetime import date

import pytest

from netpoint.common.identity.fake import fake_cccd
from netpoint.point.billing.models import LedgerEntry
from netpoint.point.customers.models import Customer, MemberAccount

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


def form(**overrides):
    rng = random.Random(3)
    data = {
        "full_name": "Trần Thị Bích Ngọc",
        "date_of_birth": "1998-07-21",
        "gender": "female",
        "id_type": "cccd",
        "id_number": fake_cccd(rng, date(1998, 7, 21), "female"),
        "id_issued_on": "2021-04-02",
        "id_issued_by": "Cục Cảnh sát QLHC về TTXH",
        "address": "45 Trần Hưng Đạo, Phường Cửa Nam, Hà Nội",
        "phone": "0912 345 678",
    }
    data.update(overrides)
    return data


def test_login_is_required_for_the_cashier_pages(client, db):
    for url in ("/", "/customers/", "/customers/new/", "/sessions/today/", "/shift/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_valid_identity_registers_the_customer(signed_in):
    response = signed_in.post("/customers/new/", form())
    customer = Customer.objects.get()
    assert response.status_code == 302
    assert customer.phone == "+84912345678"
    assert LedgerEntry.objects.filter(kind="customer_registered").count() == 1


def test_registration_can_open_a_member_account_at_once(signed_in):
    signed_in.post("/customers/new/", form(username="ngoc98", password="bi-mat-123"))
    account = MemberAccount.objects.get(username="ngoc98")
    assert account.check_password("bi-mat-123")


def test_a_cccd_that_disagrees_with_the_birth_year_is_refused_in_vietnamese(signed_in):
    response = signed_in.post("/customers/new/", form(date_of_birth="1999-07-21"))
    assert response.status_code == 200
    assert "năm sinh" in response.content.decode()
    assert not Customer.objects.exists()


def test_a_cccd_of_the_wrong_length_is_refused(signed_in):
    response = signed_in.post("/customers/new/", form(id_number="07909812345"))
    assert "12 chữ số" in response.content.decode()


def test_a_landline_is_not_accepted_as_a_phone(signed_in):
    response = signed_in.post("/customers/new/", form(phone="024 3826 1234"))
    assert response.status_code == 200 and not Customer.objects.exists()


def test_a_birth_date_in_the_future_is_refused(signed_in):
    response = signed_in.post("/customers/new/", form(date_of_birth="2030-01-01"))
    assert "tương lai" in response.content.decode()


def test_missing_fields_are_reported_in_vietnamese(signed_in):
    response = signed_in.post("/customers/new/", {})
    assert "Trường này là bắt buộc" in response.content.decode()


def test_a_child_needs_a_registered_guardian(signed_in):
    rng = random.Random(5)
    child = form(
        full_name="Lê Minh Khang",
        date_of_birth="2013-02-02",
        gender="male",
        id_number=fake_cccd(rng, date(2013, 2, 2), "male"),
    )
    response = signed_in.post("/customers/new/", child)
    assert "người giám hộ" in response.content.decode()
    assert not Customer.objects.exists()


def test_a_child_is_registered_with_a_guardian_and_relation(signed_in):
    signed_in.post("/customers/new/", form())
    parent = Customer.objects.get()
    rng = random.Random(5)
    child = form(
        full_name="Lê Minh Khang",
        date_of_birth="2013-02-02",
        gender="male",
        id_number=fake_cccd(rng, date(2013, 2, 2), "male"),
        phone="",
        guardian_id_number=parent.id_number,
        guardian_relation="Mẹ",
    )
    response = signed_in.post("/customers/new/", child)
    assert response.status_code == 302
    assert Customer.objects.get(full_name="Lê Minh Khang").guardian == parent


def test_an_unknown_guardian_number_is_reported(signed_in):
    response = signed_in.post("/customers/new/", form(guardian_id_number="001098000001"))
    assert "Không tìm thấy người giám hộ" in response.content.decode()


def test_a_minor_cannot_be_a_guardian(signed_in, make_customer):
    teen = make_customer(date_of_birth=date(2009, 1, 1), guardian=make_customer())
    rng = random.Random(5)
    child = form(
        date_of_birth="2015-02-02",
        gender="male",
        id_number=fake_cccd(rng, date(2015, 2, 2), "male"),
        guardian_id_number=teen.id_number,
        guardian_relation="Anh",
    )
    response = signed_in.post("/customers/new/", child)
    assert "đã thành niên" in response.content.decode()


def test_the_same_document_cannot_be_registered_twice(signed_in):
    signed_in.post("/customers/new/", form())
    response = signed_in.post("/customers/new/", form(full_name="Người Khác"))
    assert "đã được đăng ký" in response.content.decode()
    assert Customer.objects.count() == 1


def test_a_taken_username_is_refused_and_nothing_is_written(signed_in, make_member):
    make_member(balance=0, username="ngoc98")
    response = signed_in.post("/customers/new/", form(username="ngoc98", password="bi-mat-123"))
    assert "đã có người dùng" in response.content.decode()
    assert Customer.objects.count() == 1


def test_a_short_member_password_is_refused(signed_in):
    response = signed_in.post("/customers/new/", form(username="ngoc98", password="123"))
    assert "ít nhất 6 ký tự" in response.content.decode()
    assert not Customer.objects.exists()


def test_top_up_adds_to_the_balance_and_the_drawer(signed_in, make_member):
    account = make_member(balance=0)
    response = signed_in.post(f"/customers/{account.customer.pk}/", {"amount": "20000"})
    assert response["Location"] == f"/top-up/{account.pk}/20000/"  # the payment step
    account.refresh_from_db()
    assert account.balance == 0
    paid = signed_in.post(response["Location"], {"method": "cash", "received": "50000"})
    account.refresh_from_db()
    assert account.balance == 20000
    assert "30.000 đ" in signed_in.get(paid["Location"]).content.decode()  # the change
    entry = LedgerEntry.objects.get(kind="top_up")
    assert entry.cash == 20000 and entry.balance_change == 20000


@pytest.mark.parametrize("amount", ["-5000", "0", "abc", "99999999999", ""])
def test_a_bad_top_up_amount_is_refused(signed_in, make_member, amount):
    account = make_member(balance=0)
    response = signed_in.post(f"/customers/{account.customer.pk}/", {"amount": amount})
    assert response.status_code == 200
    account.refresh_from_db()
    assert account.balance == 0 and not LedgerEntry.objects.filter(kind="top_up").exists()


def test_customer_search_uses_post_so_nothing_personal_is_in_the_url(signed_in, make_customer):
    customer = make_customer()
    response = signed_in.post("/customers/", {"q": customer.id_number})
    assert customer.full_name in response.content.decode()
