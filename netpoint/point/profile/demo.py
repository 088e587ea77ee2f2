"""A demo café with generated (not real) people, for trying Netpoint out."""

import random
from datetime import date, time

from django.contrib.auth import get_user_model
from django.db import transaction

from netpoint.common.identity.fake import fake_person
from netpoint.point.customers import services as customers
from netpoint.point.customers.models import Customer
from netpoint.point.profile.models import PointProfile
from netpoint.point.stations.models import Station, Zone, ZoneRate

CASHIER = ("thungan", "thungan-demo")
OWNER = ("chuquan", "chuquan-demo")
# Not a real account: VietQR on the demo's payment page points here, marked as a demo.
DEMO_BANK = {
    "bank_bin": "970416",
    "bank_account": "0000000000",
    "bank_account_name": "QUAN NET DEMO",
    "bank_name": "ACB (demo)",
    "bank_is_demo": True,
}
DEMO_BANK_ENV = (
    ("bin", "970416"),
    ("account", "0000000000"),
    ("account_name", "QUAN NET DEMO"),
    ("name", "ACB (demo)"),
    ("is_demo", "1"),
)
MEMBER_PASSWORD = "hoivien-demo"


def _register(person, cashier, username="", guardian=None) -> Customer:
    data = {
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "gender": person.gender,
        "id_type": "cccd",
        "id_number": person.cccd,
        "id_issued_by": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "address": person.address,
        "phone": person.phone,
        "guardian": guardian,
        "guardian_relation": "Bố/mẹ" if guardian else "",
    }
    return customers.register_customer(
        data, cashier, username=username, password=MEMBER_PASSWORD if username else ""
    )


@transaction.atomic
def seed_demo(today: date) -> bool:
    """Create the demo café once; False when it is already there."""
    if Station.objects.exists():
        return False
    User = get_user_model()
    User.objects.create_superuser(OWNER[0], password=OWNER[1])
    cashier = User.objects.create_user(CASHIER[0], password=CASHIER[1])
    profile = PointProfile.current()
    profile.name = "Điểm Internet Demo"
    # An internet agency has no national closing hours, so the demo works at any hour.
    profile.point_type = PointProfile.Type.INTERNET
    profile.address = "12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh"
    profile.save()
    standard = Zone.objects.create(name="Thường")
    ZoneRate.objects.create(zone=standard, starts_at=time(0, 0), hourly_rate=6000)
    ZoneRate.objects.create(zone=standard, starts_at=time(8, 0), hourly_rate=5000)
    ZoneRate.objects.create(zone=standard, starts_at=time(18, 0), hourly_rate=7000)
    vip = Zone.objects.create(name="VIP")
    ZoneRate.objects.create(zone=vip, starts_at=time(0, 0), hourly_rate=12000)
    for number in range(1, 13):
        zone = vip if number > 9 else standard
        Station.objects.create(name=f"M{number:02d}", zone=zone)
    rng = random.Random(2026)
    parent = _register(fake_person(rng, date_of_birth=date(1985, 4, 12)), cashier, "demo1")
    _register(fake_person(rng, date_of_birth=date(2000, 9, 30)), cashier, "demo2")
    teen_birthday = date(today.year - 15, 1, 15)
    child = _register(fake_person(rng, date_of_birth=teen_birthday), cashier, "demo3", parent)
    for customer, amount in (
        (parent, 50000),
        (Customer.objects.get(account__username="demo2"), 20000),
        (child, 30000),
    ):
        customers.top_up(customer.account, amount, cashier)
    return True
