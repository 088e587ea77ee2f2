"""ID and phone numbers sealed (netpoint.common.sealing): each existing customer's numbers are
read in plain text, written sealed with their blind indexes, and the plain columns dropped;
person events still waiting in the outbox get their numbers sealed the same way. On SQLite the
file is then rewritten (VACUUM) and the write-ahead log emptied, since dropped columns and
replaced rows otherwise linger in free pages."""

from django.db import migrations, models

from netpoint.common.sealing.crypto import seal, unseal
from netpoint.common.sealing.indexes import id_index, key_ring, phone_index

# As in the models and the outbox at the time of this migration.
ID_NUMBER_COLUMN = "customers_customer.id_number"
PHONE_COLUMN = "customers_customer.phone"
OUTBOX_COLUMN = "outbox_outboxevent.envelope"
PERSON_EVENTS = ("person.registered", "person.updated")
PERSON_NUMBERS = ("id_number", "phone")


def seal_rows(apps, schema_editor):
    ring, db = key_ring(), schema_editor.connection.alias
    Customer = apps.get_model("customers", "Customer")
    for customer in Customer.objects.using(db).order_by("pk").iterator(chunk_size=500):
        customer.id_number_sealed = seal(customer.id_number, ID_NUMBER_COLUMN, ring)
        customer.id_index = id_index(customer.id_type, customer.id_number, ring)
        customer.phone_sealed = seal(customer.phone, PHONE_COLUMN, ring) if customer.phone else ""
        customer.phone_index = phone_index(customer.phone, ring) if customer.phone else ""
        customer.id_number = customer.phone = ""
        customer.save(
            using=db,
            update_fields=[
                "id_number_sealed",
                "id_index",
                "phone_sealed",
                "phone_index",
                "id_number",
                "phone",
            ]
        )
    OutboxEvent = apps.get_model("outbox", "OutboxEvent")
    events = OutboxEvent.objects.using(db).filter(kind__in=PERSON_EVENTS)
    for event in events.iterator(chunk_size=500):
        stored = event.envelope
        if "sealed" in stored:
            continue
        data = stored["data"]
        data |= {key: seal(data[key] or "", OUTBOX_COLUMN, ring) for key in PERSON_NUMBERS}
        stored["sealed"] = list(PERSON_NUMBERS)
        event.save(using=db, update_fields=["envelope"])


def open_rows(apps, schema_editor):
    """Back to plain columns (for going back a version; the numbers are then in the file)."""
    ring, db = key_ring(), schema_editor.connection.alias
    Customer = apps.get_model("customers", "Customer")
    for customer in Customer.objects.using(db).order_by("pk").iterator(chunk_size=500):
        customer.id_number = unseal(customer.id_number_sealed, ID_NUMBER_COLUMN, ring)
        customer.phone = (
            unseal(customer.phone_sealed, PHONE_COLUMN, ring) if customer.phone_sealed else ""
        )
        customer.save(using=db, update_fields=["id_number", "phone"])
    OutboxEvent = apps.get_model("outbox", "OutboxEvent")
    events = OutboxEvent.objects.using(db).filter(kind__in=PERSON_EVENTS)
    for event in events.iterator(chunk_size=500):
        stored = event.envelope
        keys = stored.pop("sealed", None)
        if not keys:
            continue
        data = stored["data"]
        data |= {key: unseal(data[key], OUTBOX_COLUMN, ring) for key in keys}
        event.save(using=db, update_fields=["envelope"])


def scrub_sqlite(apps, schema_editor):
    """Free pages and the write-ahead log may still hold the plain numbers: rewrite the file."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Migration(migrations.Migration):
    # VACUUM cannot run inside a transaction; the sealing step has its own.
    atomic = False

    dependencies = [
        ("customers", "0001_initial"),
        ("outbox", "0002_remove_outboxevent_sent_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="customer",
            name="id_number_sealed",
            field=models.TextField(default="", editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="customer",
            name="id_index",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="customer",
            name="phone_sealed",
            field=models.TextField(blank=True, default="", editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="customer",
            name="phone_index",
            field=models.CharField(
                blank=True, db_index=True, default="", editable=False, max_length=64
            ),
            preserve_default=False,
        ),
        # Before sealing, which clears the plain numbers the old constraint was on.
        migrations.RemoveConstraint(model_name="customer", name="one_customer_per_id"),
        migrations.RunPython(seal_rows, open_rows, atomic=True),
        migrations.RemoveField(model_name="customer", name="id_number"),
        migrations.RemoveField(model_name="customer", name="phone"),
        migrations.AddConstraint(
            model_name="customer",
            constraint=models.UniqueConstraint(
                fields=("id_index",),
                name="one_customer_per_id",
                violation_error_message="Giấy tờ này đã được đăng ký cho khách khác.",
            ),
        ),
        migrations.RunPython(scrub_sqlite, migrations.RunPython.noop, atomic=False),
    ]
