"""The point keeps ID and phone numbers sealed, with its keys outside the database."""

import random
import stat
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from netpoint.common.database import sealing_keys_file
from netpoint.common.identity.fake import fake_person
from netpoint.common.sealing.crypto import KeyRing
from netpoint.point.customers import services
from netpoint.point.customers.checks import sealing_keys
from netpoint.point.customers.models import Customer
from netpoint.point.outbox import services as outbox
from netpoint.point.outbox.models import OutboxEvent
from netpoint.point.uplink import services as uplink
from netpoint.point.uplink.models import ProviderLink

BEFORE = [("customers", "0001_initial")]
# Migrated to the latest, since the tests read through the current model.
AFTER = [("customers", "0003_search_name")]


def people(seed: int, count: int) -> list:
    rng = random.Random(seed)
    return [fake_person(rng, date_of_birth=date(1990, 1, 1 + n)) for n in range(count)]


def identity(person) -> dict:
    return {
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth,
        "gender": person.gender,
        "id_type": "cccd",
        "id_number": person.cccd,
        "address": person.address,
        "phone": person.phone,
    }


def written_forms(person) -> list[str]:
    """Each way the numbers could have been stored: as entered, national, without a prefix."""
    national = "0" + person.phone.removeprefix("+84")
    return [person.cccd, person.phone, national, person.phone.removeprefix("+84")]


def stored_text() -> str:
    """Everything the database holds: on SQLite the bytes of its file and write-ahead log
    (free pages too); on PostgreSQL every row of every table, as text."""
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        files = [name, name.with_name(name.name + "-wal")]
        raw = b"".join(path.read_bytes() for path in files if path.exists())
        return raw.decode("utf-8", errors="replace")
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            # Names from the database's own catalogue, quoted.
            cursor.execute(f"SELECT CAST(t AS TEXT) FROM {connection.ops.quote_name(table)} t")  # noqa: S608
            rows += [row[0] for row in cursor.fetchall()]
    return "\n".join(rows)


@pytest.mark.django_db(transaction=True)
def test_the_database_holds_none_of_the_customers_id_or_phone_numbers(cashier, clock, cafe):
    registered = people(24, 20)
    for person in registered:
        services.register_customer(identity(person), cashier)
    held = stored_text()
    # The names are kept in plain text: seeing them proves the bytes read are the data's.
    assert all(person.full_name in held for person in registered)
    found = [form for person in registered for form in written_forms(person) if form in held]
    assert found == []


@pytest.mark.django_db
def test_the_cashier_sees_the_numbers_opened(client, cashier, clock, cafe):
    [person] = people(5, 1)
    customer = services.register_customer(identity(person), cashier)
    client.force_login(cashier)
    page = client.get(f"/customers/{customer.pk}/").content.decode()
    assert person.cccd in page


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["national", "spaced", "international"])
def test_the_customer_list_finds_a_customer_by_phone_however_written(
    client, cashier, clock, cafe, written
):
    [person, other] = people(6, 2)
    services.register_customer(identity(person), cashier)
    services.register_customer(identity(other), cashier)
    national = "0" + person.phone.removeprefix("+84")
    query = {
        "national": national,
        "spaced": f"{national[:4]} {national[4:7]} {national[7:]}",
        "international": person.phone,
    }[written]
    client.force_login(cashier)
    page = client.post("/customers/", {"q": query}).content.decode()
    assert person.full_name in page and other.full_name not in page


@pytest.mark.django_db
def test_a_second_registration_of_the_same_document_is_refused(cashier, clock, cafe):
    [person] = people(7, 1)
    services.register_customer(identity(person), cashier)
    with pytest.raises(services.ValidationError, match="đã được đăng ký"):
        services.register_customer(identity(person) | {"full_name": "Lê Văn Khác"}, cashier)
    assert Customer.objects.count() == 1


@pytest.mark.django_db
def test_the_provider_receives_the_numbers_in_plain_text(cashier, clock, cafe):
    [person] = people(8, 1)
    services.register_customer(identity(person), cashier)
    [stored] = OutboxEvent.objects.filter(kind="person.registered")
    assert person.cccd not in str(stored.envelope) and person.phone not in str(stored.envelope)
    _first, _last, body = uplink._prepared(ProviderLink(point_code="HN-0001"), 0, 10)
    [sent] = [e for e in uplink_events(body) if e["kind"] == "person.registered"]
    assert sent["data"]["id_number"] == person.cccd and sent["data"]["phone"] == person.phone
    assert "sealed" not in sent


def forward(target) -> None:
    """Up to `target`, then to every app's latest: going back to BEFORE also took back what
    depends on it (billing's receipts), which later tests need."""
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def uplink_events(body: bytes) -> list[dict]:
    import gzip
    import json

    return json.loads(gzip.decompress(body))["events"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_the_customers_already_registered(clock):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    registered = people(9, 5)
    for person in registered:
        old.get_model("customers", "Customer").objects.create(**identity(person))
    forward(AFTER)
    assert sorted(c.id_number for c in Customer.objects.all()) == sorted(p.cccd for p in registered)
    first = registered[0]
    assert Customer.objects.get(services.with_id_number(first.cccd)).phone == first.phone
    assert Customer.objects.filter(services.with_phone(first.phone)).count() == 1
    held = stored_text()
    assert all(person.full_name in held for person in registered)
    assert [form for p in registered for form in written_forms(p) if form in held] == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_person_events_still_waiting_in_the_outbox(clock):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    [person] = people(10, 1)
    envelope = {"id": "x", "kind": "person.registered", "data": identity(person) | {"person": 1}}
    OutboxEvent.objects.create(
        id="4b0f8f3e-8a34-4c55-9d55-3f1b1b1c0a01",
        seq=1,
        kind="person.registered",
        envelope=envelope | {"data": envelope["data"] | {"date_of_birth": "1990-01-01"}},
        created_at=clock.now(),
    )
    forward(AFTER)
    stored = OutboxEvent.objects.get().envelope
    assert person.cccd not in str(stored)
    assert outbox.opened(stored)["data"]["id_number"] == person.cccd


def test_the_point_makes_its_keys_once_readable_by_its_owner_alone(tmp_path):
    path = tmp_path / "data" / "sealing.keys"
    text = sealing_keys_file(path)
    assert KeyRing.parse(text).active
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sealing_keys_file(path) == text


@pytest.fixture
def owner_client(client, django_user_model):
    owner = django_user_model.objects.create_superuser("chuquan", password="chuquan-thu")
    client.force_login(owner)
    return client


@pytest.mark.django_db
def test_the_owner_finds_a_customer_in_the_admin_by_id_number(owner_client, cashier, clock, cafe):
    [person, other] = people(11, 2)
    services.register_customer(identity(person), cashier)
    services.register_customer(identity(other), cashier)
    page = owner_client.get("/admin/customers/customer/", {"q": person.cccd}).content.decode()
    assert person.full_name in page and other.full_name not in page


@pytest.mark.django_db
def test_the_owner_edits_a_phone_number_in_the_admin_and_it_stays_sealed(
    owner_client, cashier, clock, cafe
):
    [person, other] = people(12, 2)
    customer = services.register_customer(identity(person), cashier)
    url = f"/admin/customers/customer/{customer.pk}/change/"
    form = owner_client.get(url).content.decode()
    assert person.cccd in form and person.phone in form
    fields = identity(person) | {"phone": other.phone, "date_of_birth": "1990-01-01"}
    response = owner_client.post(url, fields | {"guardian": "", "guardian_relation": ""})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.phone == other.phone and other.phone not in customer.phone_sealed
    assert Customer.objects.filter(services.with_phone(other.phone)).get() == customer
    updated = OutboxEvent.objects.get(kind="person.updated")
    assert outbox.opened(updated.envelope)["data"]["phone"] == other.phone


def test_the_point_does_not_start_with_malformed_sealing_keys(settings):
    settings.NETPOINT_SEALING_KEYS = "active=p1;p1=not-base64!"
    [error] = [e for e in sealing_keys(None) if e.id == "netpoint.E001"]
    assert "base64" in error.msg and "not-base64" not in error.msg
