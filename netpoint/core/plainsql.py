"""Plain SQL for the few lookups that every request or every search makes: the ORM compiles
each query anew, which costs more than the database answering it, and on PostgreSQL these are
prepared once per connection (netpoint.records.attribution.use_generic_plans), so PostgreSQL
does not plan them anew either."""

from contextlib import contextmanager
from functools import cache

import psycopg
from django.db import connection


class _PreparedCursor(psycopg.Cursor):
    """Binds on the server and prepares every statement (Django's own cursors do neither)."""

    binary = False

    def execute(self, query, params=None, **kwargs):
        return super().execute(query, params, **(kwargs | {"prepare": True, "binary": self.binary}))


@contextmanager
def prepared_cursor(binary: bool = False):
    """A cursor whose statements are prepared, on PostgreSQL; `binary`: rows read in binary
    (psycopg's own loaders, in C; not Django's, so no JSON or network types). Elsewhere Django's
    own cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    raw = _PreparedCursor(connection.connection)
    raw.binary = binary
    # Django's wrapper: its errors, query log and execute wrappers apply here too.
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor


@cache
def _shape(model, vendor: str, defer: tuple) -> tuple[str, list[str], list]:
    """The SELECT of the model's columns but those in `defer`, their attribute names, and the
    converters the ORM applies to each value read (JSON, and the embedded database's times),
    per column."""
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if field.name not in defer]
    columns = ", ".join(f"t.{quote(field.column)}" for field in fields)
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col("t")
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, column, found))
    table = quote(model._meta.db_table)
    select = f"SELECT {columns}{{extra}} FROM {table} t WHERE {{where}}"  # noqa: S608
    return select, [field.attname for field in fields], converters


def instances(model, where: str, params, defer: tuple = (), **extra: str) -> list:
    """Instances of `model` for `SELECT <its columns> FROM <its table> t WHERE <where>`, as the
    ORM would make them; the fields in `defer` are left unread (read on first use, as the
    ORM's `defer`). Each `extra` name=SQL is one more column, set on the instances."""
    select, names, converters = _shape(model, connection.vendor, defer)
    more = "".join(f", {sql} AS {connection.ops.quote_name(name)}" for name, sql in extra.items())
    with prepared_cursor() as cursor:
        cursor.execute(select.format(extra=more, where=where), params)
        rows = cursor.fetchall()
    found = []
    for row in rows:
        values = list(row[: len(names)])
        for position, column, functions in converters:
            for function in functions:
                values[position] = function(values[position], column, connection)
        instance = model.from_db(connection.alias, names, values)
        for name, value in zip(extra, row[len(names) :], strict=True):
            setattr(instance, name, value)
        found.append(instance)
    return found
