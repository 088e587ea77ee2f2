"""Plain SQL for the few lookups that every request or every search makes: the ORM compiles each
query anew, which costs more than the database answering it, and on PostgreSQL these are prepared
once per connection (netpoint.provider.records.attribution.use_generic_plans), so PostgreSQL does
not plan them anew either."""

from contextlib import contextmanager
from functools import cache

import psycopg
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections

from netpoint.common.core import reading


class _PlainCursor(psycopg.Cursor):
    """Binds on the server and prepares every statement unless told not to (Django's own
    cursors do neither)."""

    binary = False
    prepare = True

    def execute(self, query, params=None, **kwargs):
        options = {"prepare": self.prepare, "binary": self.binary}
        return super().execute(query, params, **(kwargs | options))


@contextmanager
def _wrapped(raw: _PlainCursor, read):
    # Django's wrapper: its errors, query log and execute wrappers apply here too.
    wrap = read.make_debug_cursor if read.queries_logged else read.make_cursor
    with wrap(raw) as cursor:
        yield cursor


@contextmanager
def prepared_cursor(binary: bool = False, replicated: bool = False):
    """A cursor whose statements are prepared, on PostgreSQL; `binary`: rows read in binary
    (psycopg's own loaders, in C; not Django's, so no JSON or network types). Elsewhere Django's
    own cursor. `replicated`: a read of records that may come from where reads go now (a
    replica, where the provider sends them); otherwise the primary (sign-ins, the audit log)."""
    read = connections[reading.alias() if replicated else reading.DEFAULT]
    if read.vendor != "postgresql":
        with read.cursor() as cursor:
            yield cursor
        return
    read.ensure_connection()
    raw = _PlainCursor(read.connection)
    raw.binary = binary
    with _wrapped(raw, read) as cursor:
        yield cursor


def rows(queryset) -> list[tuple]:
    """The rows of a `values_list` queryset of numbers, text, dates and times. On PostgreSQL read in
    binary by psycopg's loaders in C: Django's loader of times is pure Python, six times slower over
    the 660,000 sessions the violations job reads of 10M (8.3 against 1.3 s). Its arguments are
    written into the SQL, so that it is planned for them, not given the searches' generic plan
    (netpoint.provider.records.attribution.use_generic_plans); a one-off, not prepared."""
    read = connections[queryset.db]  # the router's choice: a replica's, where reads go there
    if read.vendor != "postgresql":
        return list(queryset)
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a filter that can match nothing, as Django answers it
        return []
    read.ensure_connection()
    literal = psycopg.ClientCursor(read.connection).mogrify(sql, params)
    raw = _PlainCursor(read.connection)
    raw.binary, raw.prepare = True, False
    with _wrapped(raw, read) as cursor:
        cursor.execute(literal)
        return cursor.fetchall()


@cache
def columns(model, vendor: str, alias: str = "t", defer: tuple = ()) -> tuple[str, list, list]:
    """The model's columns but those in `defer`, as `alias`.column for a SELECT, their
    attribute names, and the converters the ORM applies to each value read (JSON, and the
    embedded database's times), per column."""
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if field.name not in defer]
    selected = ", ".join(f"{alias}.{quote(field.column)}" for field in fields)
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(alias)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, column, found))
    return selected, [field.attname for field in fields], converters


def instance(model, shape: tuple, values) -> object:
    """An instance of `model` from the values of the columns `shape` (from `columns`)
    selected, as the ORM would make it."""
    _selected, names, converters = shape
    values = list(values)
    for position, column, functions in converters:
        for function in functions:
            values[position] = function(values[position], column, connection)
    return model.from_db(connection.alias, names, values)


def instances(model, where: str, params, defer: tuple = (), **extra: str) -> list:
    """Instances of `model` for `SELECT <its columns> FROM <its table> t WHERE <where>`, as the
    ORM would make them; the fields in `defer` are left unread (read on first use, as the
    ORM's `defer`). Each `extra` name=SQL is one more column, set on the instances."""
    shape = columns(model, connection.vendor, "t", defer)
    quote = connection.ops.quote_name
    more = "".join(f", {sql} AS {quote(name)}" for name, sql in extra.items())
    table = quote(model._meta.db_table)
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT {shape[0]}{more} FROM {table} t WHERE {where}", params)  # noqa: S608
        rows = cursor.fetchall()
    found = []
    for row in rows:
        made = instance(model, shape, row[: len(shape[1])])
        for name, value in zip(extra, row[len(shape[1]) :], strict=True):
            setattr(made, name, value)
        found.append(made)
    return found
