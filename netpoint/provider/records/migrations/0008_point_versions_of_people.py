import django.db.models.functions.text
from django.db import migrations, models

# Before this migration the central row held the last word of any point on a person; each point
# that knows them starts with that as its version, said when it registered them (the only time
# of its own the provider kept). UPDATE … FROM: PostgreSQL, and SQLite from 3.33.
VERSIONS = """
UPDATE records_pointperson SET id_type = p.id_type, id_number_sealed = p.id_number_sealed,
    phone_index = p.phone_index, phone_sealed = p.phone_sealed, full_name = p.full_name,
    date_of_birth = p.date_of_birth, gender = p.gender, address = p.address,
    said_at = records_pointperson.registered_at
FROM records_person p WHERE p.id = records_pointperson.person_id
"""
SUMMARIES = """
UPDATE records_person SET stated_at = (
    SELECT max(v.said_at) FROM records_pointperson v WHERE v.person_id = records_person.id)
"""


class Migration(migrations.Migration):
    """Each point's version of a person, so that no point can rewrite what another said
    (issue 24): the statement's fields on the point's registration, and the time of the one the
    person's row shows."""

    dependencies = [("records", "0007_session_pauses")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="stated_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="address",
            field=models.CharField(blank=True, db_default="", max_length=300),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="full_name",
            field=models.CharField(blank=True, db_default="", max_length=200),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="gender",
            field=models.CharField(blank=True, db_default="", max_length=10),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="id_number_sealed",
            field=models.TextField(blank=True, db_default=""),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="id_type",
            field=models.CharField(blank=True, db_default="", max_length=20),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="phone_index",
            field=models.CharField(blank=True, db_default="", max_length=64),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="phone_sealed",
            field=models.TextField(blank=True, db_default=""),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="received_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="pointperson",
            name="said_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        # Filled before the indexes are built: one pass over the rows, not an index update each.
        migrations.RunSQL(VERSIONS, migrations.RunSQL.noop),
        migrations.RunSQL(SUMMARIES, migrations.RunSQL.noop),
        # The searches by phone and name move to the versions' indexes, which replace these.
        migrations.RemoveIndex(model_name="person", name="person_by_name"),
        migrations.AlterField(
            model_name="person",
            name="phone_index",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddIndex(
            model_name="pointperson",
            index=models.Index(fields=["phone_index"], name="pointperson_by_phone"),
        ),
        migrations.AddIndex(
            model_name="pointperson",
            index=models.Index(
                django.db.models.functions.text.Upper("full_name"), name="pointperson_by_name"
            ),
        ),
    ]
