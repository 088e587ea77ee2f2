from django.db import migrations, models

LIKE_INDEX = "radacct_acctuniqueid_d5e462ac_like"


def on_postgresql(*statements):
    """A RunPython function that runs `statements` on PostgreSQL and nothing elsewhere: SQLite
    has no such index or storage setting."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    """radacct is written on every accounting request: one index fewer (the text_pattern_ops
    index Django adds beside a unique text field; the unique constraint FreeRADIUS's schema has
    stays, under its name), and room in each page so an Interim-Update, which changes no indexed
    column, can be a heap-only update that writes no index at all."""

    dependencies = [
        ("wifi", "0002_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="radacct", name="acctuniqueid", field=models.TextField()
                ),
                migrations.AddConstraint(
                    model_name="radacct",
                    constraint=models.UniqueConstraint(
                        fields=("acctuniqueid",), name="radacct_acctuniqueid_key"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    on_postgresql(f"DROP INDEX IF EXISTS {LIKE_INDEX}"),
                    on_postgresql(
                        f"CREATE INDEX {LIKE_INDEX} ON radacct (acctuniqueid text_pattern_ops)"
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            on_postgresql("ALTER TABLE radacct SET (fillfactor = 80)"),
            on_postgresql("ALTER TABLE radacct RESET (fillfactor)"),
        ),
    ]
