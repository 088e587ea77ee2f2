"""Finding a customer however the cashier types the name, the ID number or the phone, and
filling registration from a scanned card or the number typed at check-in."""

import random
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netpoint.common.identity.fake import fake_cccd, fake_cccd_qr, fake_person
from netpoint.point.customers.models import Customer
from netpoint.point.sessions.models import Session

pytestmark = pytest.mark.django_db

BORN = date(1995, 3, 14)


@pytest.fixture
def signed_in(client, cashier, clock, cafe):
    client.force_login(cashier)
    return client


def generated(seed: int = 21, gender: str = "male"):
    return fake_person(random.Random(seed), date_of_birth=BORN, gender=gender)


def register(who, **fields) -> Customer:
    values = {
        "full_name": who.full_name,
        "date_of_birth": who.date_of_birth,
        "gender": who.gender,
        "id_type": "cccd",
        "id_number": who.cccd,
        "address": who.address,
        "phone": who.phone,
    }
    return Customer.objects.create(**(values | fields))


def search(client, text: str) -> str:
    return client.post("/customers/", {"q": text}).content.decode()


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def test_search_without_accents_finds_the_accented_name(signed_in):
    register(generated(), full_name="Nguyễn Văn An")
    assert "Nguyễn Văn An" in search(signed_in, "nguyen van an")


def test_search_by_some_words_of_the_name_finds_the_customer(signed_in):
    register(generated(), full_name="Đặng Quốc Việt")
    assert "Đặng Quốc Việt" in search(signed_in, "dang viet")


def test_search_for_another_name_does_not_find_the_customer(signed_in):
    register(generated(), full_name="Nguyễn Văn An")
    assert "Nguyễn Văn An" not in search(signed_in, "nguyen van binh")


def test_search_by_phone_written_with_a_leading_zero_finds_the_customer(signed_in):
    who = generated()
    register(who)
    local = "0" + who.phone[3:]
    assert who.full_name in search(signed_in, f"{local[:4]} {local[4:7]} {local[7:]}")


def test_search_by_the_cccd_as_the_card_prints_it_finds_the_customer(signed_in):
    who = generated()
    register(who)
    assert who.full_name in search(signed_in, spaced(who.cccd))


def test_a_renamed_customer_is_found_by_the_new_name(db):
    customer = register(generated(), full_name="Lê Văn Nam")
    customer.full_name = "Lê Văn Hùng"
    customer.save(update_fields=["full_name"])
    assert Customer.objects.get(pk=customer.pk).search_name == "le van hung"


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_existing_customers_findable_without_accents(clock):
    before, after = [("customers", "0002_sealed_numbers")], [("customers", "0003_search_name")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("customers", "Customer")
    who = generated()
    old.objects.create(
        full_name="Phạm Thị Hạnh",
        date_of_birth=who.date_of_birth,
        gender="female",
        id_type="cccd",
        id_number_sealed="x",
        id_index="x",
        address=who.address,
    )
    MigrationExecutor(connection).migrate(after)
    # And every app's latest again: going back also took back what depends on customers 0003.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Customer.objects.filter(search_name="pham thi hanh").count() == 1


def test_check_in_with_the_cccd_typed_as_printed_opens_the_station(signed_in, cafe):
    who = generated()
    register(who)
    response = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"lookup": spaced(who.cccd), "kind": "walk_in"}
    )
    assert response.status_code == 302
    assert Session.objects.get().customer.full_name == who.full_name


def test_check_in_offers_walk_in_first(signed_in, cafe):
    page = signed_in.get(f"/stations/{cafe['m1'].pk}/check-in/").content.decode()
    assert '<option value="walk_in" selected>' in page
    assert "Customer" not in page


def test_the_number_typed_at_check_in_is_carried_into_registration(signed_in, cafe):
    number = fake_cccd(random.Random(5), BORN, "male")
    page = signed_in.post(
        "/customers/new/",
        {"prefill": "1", "lookup": spaced(number), "next": f"/stations/{cafe['m1'].pk}/check-in/"},
    ).content.decode()
    assert f'value="{number}"' in page
    assert '<option value="cccd" selected>' in page
    assert not Customer.objects.exists()


def test_a_scanned_card_fills_registration_without_saving(signed_in):
    who = generated(gender="female")
    page = signed_in.post(
        "/customers/new/", {"scan": fake_cccd_qr(who, date(2021, 4, 12))}
    ).content.decode()
    assert f'value="{who.full_name}"' in page and f'value="{who.cccd}"' in page
    assert 'value="1995-03-14"' in page and 'value="2021-04-12"' in page
    assert "Đã đọc thẻ CCCD" in page
    assert not Customer.objects.exists()


def test_a_truncated_scan_shows_the_reason_and_saves_nothing(signed_in):
    payload = fake_cccd_qr(generated(), date(2021, 4, 12))
    page = signed_in.post("/customers/new/", {"scan": payload[:40]}).content.decode()
    assert "Mã QR đọc chưa đủ" in page
    assert not Customer.objects.exists()


def test_a_scan_at_check_in_of_a_registered_customer_opens_the_station(signed_in, cafe):
    who = generated()
    register(who)
    payload = fake_cccd_qr(who, date(2021, 4, 12))
    response = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"scan": payload, "kind": "walk_in"}
    )
    assert response.status_code == 302
    assert Session.objects.get().customer.full_name == who.full_name


def test_a_scan_at_check_in_of_a_new_customer_offers_the_card_to_registration(signed_in, cafe):
    payload = fake_cccd_qr(generated(), date(2021, 4, 12))
    page = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"scan": payload, "kind": "walk_in"}
    ).content.decode()
    assert "Không tìm thấy khách hàng" in page
    assert 'name="card"' in page
    assert not Session.objects.exists()


def test_a_malformed_scan_at_check_in_shows_the_reason(signed_in, cafe):
    page = signed_in.post(
        f"/stations/{cafe['m1'].pk}/check-in/", {"scan": "abc|def", "kind": "walk_in"}
    ).content.decode()
    assert "Mã QR đọc chưa đủ" in page
    assert not Session.objects.exists()


def test_a_scanned_card_still_goes_through_the_identity_checks(signed_in):
    who = generated()
    fields = fake_cccd_qr(who, date(2021, 4, 12)).split("|")
    fields[3] = "14032005"  # a birth year the number does not give
    page = signed_in.post("/customers/new/", {"scan": "|".join(fields)}).content.decode()
    assert 'value="2005-03-14"' in page
    filled = {
        "full_name": who.full_name,
        "date_of_birth": "2005-03-14",
        "gender": "male",
        "id_type": "cccd",
        "id_number": who.cccd,
        "address": who.address,
    }
    page = signed_in.post("/customers/new/", filled).content.decode()
    assert "Số CCCD cho biết năm sinh 1995" in page
    assert not Customer.objects.exists()


def test_a_card_already_registered_is_named_when_scanned_at_registration(signed_in):
    who = generated()
    register(who)
    page = signed_in.post(
        "/customers/new/", {"scan": fake_cccd_qr(who, date(2021, 4, 12))}
    ).content.decode()
    assert f"Thẻ này đã được đăng ký cho khách {who.full_name}." in page
    assert Customer.objects.count() == 1
