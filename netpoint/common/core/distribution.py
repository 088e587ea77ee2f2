"""How the provider's tables spread over a Citus cluster, and the rules that must hold for it.

Each app that owns tables Citus should distribute or copy declares them in its `distribution`
door: `TABLES: list[Distributed | Reference]`. `plan()` gathers them, `sql()` writes the
statements docs/DEPLOY.md gives (a test keeps the two equal), and `broken_rules()` reads
PostgreSQL's catalogues and names every table that would make those statements fail or a
distributed query wrong. Citus's rules, as its documentation states them:

- a distributed table's primary key and every unique constraint or unique index include the
  distribution column, which must be NOT NULL;
- a foreign key from a distributed table points at a reference table, or at a co-located
  distributed table through both distribution columns;
- a reference table's foreign keys point only at reference tables; no table outside the plan
  holds a foreign key to a distributed one;
- tables co-located with each other are distributed by columns of one type.

Tables outside the plan stay on the coordinator (users, audit, requests): Citus lets them keep
foreign keys to reference tables.
"""

from dataclasses import dataclass

from netpoint.common.core.doors import opened


@dataclass(frozen=True)
class Distributed:
    """A table hashed over the workers by `column`, in `colocate_with`'s group (None: its own
    group)."""

    table: str
    column: str
    colocate_with: str | None = None


@dataclass(frozen=True)
class Reference:
    """A small table copied whole to every worker, so every worker can join it."""

    table: str


@dataclass(frozen=True)
class Plan:
    distributed: tuple[Distributed, ...]
    reference: tuple[Reference, ...]

    def column_of(self, table: str) -> str | None:
        return next((d.column for d in self.distributed if d.table == table), None)

    def group_of(self, table: str) -> str | None:
        """The table a distributed table's group is named for (its first member)."""
        for entry in self.distributed:
            if entry.table == table:
                return entry.colocate_with or entry.table
        return None

    def is_reference(self, table: str) -> bool:
        return any(r.table == table for r in self.reference)


def plan(within: str = "netpoint.provider.") -> Plan:
    entries = [entry for door in opened("distribution", within=within) for entry in door.TABLES]
    return Plan(
        distributed=tuple(e for e in entries if isinstance(e, Distributed)),
        reference=tuple(e for e in entries if isinstance(e, Reference)),
    )


def sql(of: Plan) -> str:
    """The statements that distribute the tables: reference tables first (distributed tables'
    foreign keys need them), then each group's first table before the tables co-located
    with it."""
    lines = ["CREATE EXTENSION citus;"]
    lines += [f"SELECT create_reference_table('{r.table}');" for r in of.reference]
    # A group's first table before the tables co-located with it, whatever the apps' order.
    for entry in sorted(of.distributed, key=lambda d: d.colocate_with is not None):
        if entry.colocate_with:
            lines.append(
                f"SELECT create_distributed_table('{entry.table}', '{entry.column}',\n"
                f"                                colocate_with => '{entry.colocate_with}');"
            )
        else:
            lines.append(f"SELECT create_distributed_table('{entry.table}', '{entry.column}');")
    return "\n".join(lines)


@dataclass(frozen=True)
class BrokenRule:
    table: str
    rule: str

    def __str__(self) -> str:
        return f"{self.table}: {self.rule}"


def broken_rules(cursor, of: Plan) -> list[BrokenRule]:
    """Every way the live schema breaks Citus's rules for `of` (PostgreSQL only)."""
    broken: list[BrokenRule] = []
    tables = _tables(cursor)
    for entry in (*of.distributed, *of.reference):
        if entry.table not in tables:
            broken.append(BrokenRule(entry.table, "is in the plan but not in the database"))
    for entry in of.distributed:
        if entry.table in tables:
            broken += _distributed_rules(cursor, of, entry, tables[entry.table])
    broken += _group_rules(cursor, of)
    broken += _foreign_key_rules(cursor, of)
    return broken


def _tables(cursor) -> dict[str, int]:
    cursor.execute(
        # Partitions follow their parent: Citus distributes them with it.
        "SELECT c.relname, c.oid::int FROM pg_class c JOIN pg_namespace n ON n.oid ="
        " c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
        " AND NOT c.relispartition"
    )
    return dict(cursor.fetchall())


def _columns(cursor, oid: int) -> dict[int, tuple[str, str, bool]]:
    cursor.execute(
        "SELECT attnum, attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
        " WHERE attrelid = %s AND attnum > 0 AND NOT attisdropped",
        [oid],
    )
    return {num: (name, kind, notnull) for num, name, kind, notnull in cursor.fetchall()}


def _distributed_rules(cursor, of: Plan, entry: Distributed, oid: int) -> list[BrokenRule]:
    columns = _columns(cursor, oid)
    by_name = {name: (num, notnull) for num, (name, _kind, notnull) in columns.items()}
    if entry.column not in by_name:
        return [BrokenRule(entry.table, f"has no column {entry.column}")]
    number, notnull = by_name[entry.column]
    broken = []
    if not notnull:
        broken.append(BrokenRule(entry.table, f"{entry.column} may be NULL"))
    cursor.execute(
        "SELECT i.indexrelid::regclass::text, i.indisprimary, i.indkey::int[]"
        " FROM pg_index i WHERE i.indrelid = %s AND i.indisunique",
        [oid],
    )
    for name, primary, keys in cursor.fetchall():
        if number not in keys:
            what = "primary key" if primary else f"unique index {name}"
            broken.append(BrokenRule(entry.table, f"{what} lacks {entry.column}"))
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s AND contype = 'x'"
        " AND NOT (%s = ANY (conkey))",
        [oid, number],
    )
    broken += [
        BrokenRule(entry.table, f"exclusion constraint {name} lacks {entry.column}")
        for (name,) in cursor.fetchall()
    ]
    if entry.colocate_with and of.column_of(entry.colocate_with) is None:
        broken.append(
            BrokenRule(entry.table, f"is co-located with {entry.colocate_with}, not distributed")
        )
    return broken


def _column_type(cursor, table: str, column: str) -> str | None:
    cursor.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
        " WHERE attrelid = %s::regclass AND attname = %s",
        [table, column],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _group_rules(cursor, of: Plan) -> list[BrokenRule]:
    broken = []
    for entry in of.distributed:
        if not entry.colocate_with or of.column_of(entry.colocate_with) is None:
            continue
        mine = _column_type(cursor, entry.table, entry.column)
        theirs = _column_type(cursor, entry.colocate_with, of.column_of(entry.colocate_with))
        if mine != theirs:
            broken.append(
                BrokenRule(entry.table, f"{entry.column} is {mine}, its group's column {theirs}")
            )
    return broken


def _foreign_key_rules(cursor, of: Plan) -> list[BrokenRule]:
    cursor.execute(
        "SELECT c.relname, f.relname, k.conname,"
        " ARRAY(SELECT attname FROM unnest(k.conkey) WITH ORDINALITY u(n, o)"
        "       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY o),"
        " ARRAY(SELECT attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o)"
        "       JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY o)"
        " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
        " JOIN pg_class f ON f.oid = k.confrelid"
        " WHERE k.contype = 'f' AND NOT c.relispartition AND k.conparentid = 0"
    )
    broken = []
    for source, target, name, columns, target_columns in cursor.fetchall():
        if of.is_reference(target):
            continue  # every table may point at a reference table (the coordinator's too)
        if of.is_reference(source):
            broken.append(BrokenRule(source, f"{name}: a reference table points at {target}"))
        elif of.column_of(target) is None:
            if of.column_of(source) is not None:
                broken.append(BrokenRule(source, f"{name}: points at {target}, on the coordinator"))
        elif of.column_of(source) is None:
            broken.append(BrokenRule(source, f"{name}: points at distributed {target}"))
        elif of.group_of(source) != of.group_of(target) or not _through_columns(
            of, source, target, columns, target_columns
        ):
            broken.append(
                BrokenRule(source, f"{name}: points at {target}, not co-located through the key")
            )
    return broken


def _through_columns(of: Plan, source, target, columns, target_columns) -> bool:
    pairs = dict(zip(columns, target_columns, strict=True))
    return pairs.get(of.column_of(source)) == of.column_of(target)


def widen_primary_key(schema_editor, table: str, column: str) -> None:
    """Add `column` to `table`'s primary key (kept last, so lookups by the old key still use
    it), on PostgreSQL and only where it is missing: the migrations that make the schema meet
    Citus's first rule run this. SQLite (the point, some tests) keeps its keys."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT k.conname, ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY"
            " u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n"
            " ORDER BY o) FROM pg_constraint k WHERE k.conrelid = %s::regclass"
            " AND k.contype = 'p'",
            [table],
        )
        name, columns = cursor.fetchone()
        if column in columns:
            return
        keys = ", ".join([*columns, column])
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} PRIMARY KEY ({keys})")
