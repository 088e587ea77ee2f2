"""Key rotation for every sealed column the apps declare (netpoint.common.sealing.registry).

Values move to the active key a slice of rows at a time, each slice in its own transaction
under row locks, so the job can be stopped and started again: a second run finds only the rows
the first did not reach. With `reindex`, every blind index is computed again from the
plaintext with the current index key.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.apps import apps
from django.db import connection, transaction
from django.db.models import CharField, Count, F, Func, Q, Value
from django.db.models.fields.json import KeyTextTransform

from netpoint.common.sealing.crypto import FORMAT, KeyRing, SealingError, key_id, reseal, unseal
from netpoint.common.sealing.indexes import key_ring
from netpoint.common.sealing.registry import SealedColumn, declared

SLICE = 1000


class RotationError(Exception):
    pass


def _token_expression(column: SealedColumn):
    return KeyTextTransform(column.key, column.field) if column.key else F(column.field)


def _name(n: int) -> str:
    return f"sealed_{n}"


def _stale(columns: list[SealedColumn], active: str) -> Q:
    """Rows with a value of any of `columns` under another key than the active one (needs the
    annotations of `_annotated`)."""
    stale = Q()
    for n, _column in enumerate(columns):
        name = _name(n)
        stale |= (
            ~Q(**{name: ""})
            & Q(**{f"{name}__isnull": False})
            & ~Q(**{f"{name}__startswith": f"{FORMAT}.{active}."})
        )
    return stale


def _annotated(model, columns: list[SealedColumn]):
    return model.objects.annotate(
        **{_name(n): _token_expression(column) for n, column in enumerate(columns)}
    )


def stale_counts() -> list[tuple[str, str, int]]:
    """(column, key id, values) for every value not under the active key."""
    active = key_ring().active
    found = []
    for column in declared()[0]:
        rows = _annotated(apps.get_model(column.model), [column]).filter(_stale([column], active))
        kids = (
            rows.annotate(
                kid=Func(
                    F(_name(0)),
                    Value("."),
                    Value(2),
                    function="split_part",
                    output_field=CharField(),
                )
            )
            .values("kid")
            .annotate(n=Count("pk"))
            .order_by("kid")
        )
        found += [(column.label, row["kid"], row["n"]) for row in kids]
    return found


def reseal_all(reindex: bool = False) -> Iterator[tuple[str, int]]:
    """(table, rows changed) for each model with sealed columns, as each is done."""
    ring = key_ring()
    by_model: dict[str, list[SealedColumn]] = defaultdict(list)
    for column in declared()[0]:
        by_model[column.model].append(column)
    for label, columns in by_model.items():
        model = apps.get_model(label)
        rows = model.objects.all() if reindex else _annotated(model, columns)
        if not reindex:
            rows = rows.filter(_stale(columns, ring.active))
        changed, after = 0, None
        while True:
            with transaction.atomic():
                page = rows.select_for_update().order_by("pk")
                if after is not None:
                    page = page.filter(pk__gt=after)
                page = list(page[:SLICE])
                if not page:
                    break
                moved = defaultdict(list)
                for row in page:
                    fields = _move(row, columns, ring, reindex)
                    if fields:
                        moved[tuple(sorted(fields))].append(row)
                for fields, changed_rows in moved.items():
                    _write(model, fields, changed_rows)
                    changed += len(changed_rows)
                after = page[-1].pk
        yield model._meta.db_table, changed


def _move(row, columns: list[SealedColumn], ring: KeyRing, reindex: bool) -> set[str]:
    """Moves the row's values to the active key (and recomputes its indexes); the fields
    changed."""
    changed = set()
    for column in columns:
        holder = getattr(row, column.field) if column.key else row
        if column.key and not isinstance(holder, dict):
            continue
        token = _get(holder, column.key or column.field)
        if not token:
            continue
        try:
            if key_id(token) != ring.active:
                token = reseal(token, column.column, ring)
                _set(holder, column.key or column.field, token)
                changed.add(column.field)
            if reindex and column.index:
                index = column.compute(unseal(token, column.column, ring), holder, ring)
        except SealingError as error:  # names the row, never the value
            raise RotationError(f"{column.label}, row {row.pk}: {error}") from None
        if reindex and column.index:
            old = _get(holder, column.index)
            if index != old:
                _set(holder, column.index, index)
                changed.add(column.field if column.key else column.index)
                if column.moved:
                    column.moved(row, old, index)
    return changed


def _write(model, names: tuple[str, ...], rows: list) -> None:
    """One UPDATE by primary key per row, sent together (psycopg pipelines executemany)."""
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Names from the model's own metadata, quoted; the values go as parameters.
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _get(holder, name: str):
    return holder.get(name) if isinstance(holder, dict) else getattr(holder, name)


def _set(holder, name: str, value: str) -> None:
    if isinstance(holder, dict):
        holder[name] = value
    else:
        setattr(holder, name, value)


def hashes_left() -> list[tuple[str, int, str]]:
    """(column, rows, advice) for the blind indexes no sealed value can recompute."""
    return [(hashes.label, hashes.count_left(), hashes.advice) for hashes in declared()[1]]
