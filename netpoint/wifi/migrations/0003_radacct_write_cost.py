from django.db import migrations, models

LIKE_INDEX = "radacct_acctuniqueid_d5e462ac_like"


def _on_postgresql(*statements):
    """PostgreSQL's own: the embedded SQLite of the point role has no such index nor
    fillfactor (its test pass migrates every app)."""

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
                    _on_postgresql(f"DROP INDEX IF EXISTS {LIKE_INDEX}"),
                    _on_postgresql(
                        f"CREATE INDEX {LIKE_INDEX} ON radacct (acctuniqueid text_pattern_ops)"
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            _on_postgresql("ALTER TABLE radacct SET (fillfactor = 80)"),
            _on_postgresql("ALTER TABLE radacct RESET (fillfactor)"),
        ),
    ]
