"""SQL that only PostgreSQL's migrations run: the point role's embedded SQLite has no such
indexes or storage settings, and the SQLite test pass migrates every app."""


def on_postgresql(*statements):
    """A RunPython function that runs `statements` on PostgreSQL and nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run
