"""Where sealed values and blind indexes live, so that key rotation reaches every one of them.

Each app that seals anything lists it in its own `sealed` module: `SEALED`, the sealed columns
(with the blind index kept beside each, and how to compute it from the plaintext), and
`KEYED_HASHES`, blind indexes kept without any sealed value, which a new index key cannot
recompute. A test fails when a model has a `*_sealed` or `*_index` field that no app declared.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps

from netpoint.common.core.doors import opened


@dataclass(frozen=True)
class SealedColumn:
    model: str  # "app_label.ModelName"
    field: str  # the field holding the sealed value, or the JSON object that holds it
    column: str  # the associated data the value is sealed with
    key: str = ""  # inside a JSON field: the key holding the sealed value
    index: str = ""  # the blind index kept beside it: a field (or a key of the same JSON)
    # (plaintext, the row or JSON object, key ring) -> the blind index
    compute: Callable | None = None
    # (row, old index, new index), in the row's transaction: rows elsewhere that hold only the
    # index follow it to the new index key
    moved: Callable | None = None

    @property
    def label(self) -> str:
        table = apps.get_model(self.model)._meta.db_table
        return f"{table}.{self.field}" + (f"->{self.key}" if self.key else "")


@dataclass(frozen=True)
class KeyedHashes:
    """A blind index kept with no sealed plaintext: a new index key leaves it unmatched."""

    model: str
    field: str
    advice: str  # what the operator does instead, for the command's output
    # () -> the rows left with an index no sealed value recomputed; all rows when not given
    left: Callable | None = None

    @property
    def label(self) -> str:
        return f"{apps.get_model(self.model)._meta.db_table}.{self.field}"

    def count_left(self) -> int:
        rows = self.left() if self.left else apps.get_model(self.model).objects.all()
        return rows.count()


def declared() -> tuple[list[SealedColumn], list[KeyedHashes]]:
    """Every installed app's declarations, in INSTALLED_APPS order."""
    columns, hashes = [], []
    for module in opened("sealed"):
        columns += getattr(module, "SEALED", [])
        hashes += getattr(module, "KEYED_HASHES", [])
    return columns, hashes


def undeclared(columns: list[SealedColumn], hashes: list[KeyedHashes]) -> list[str]:
    """Fields named like sealed values (`*_sealed`) or blind indexes (`*_index`, `*_indexes`)
    that no declaration covers, as "app_label.Model.field"."""
    known = {(c.model, c.field) for c in columns} | {(h.model, h.field) for h in hashes}
    known |= {(c.model, c.index) for c in columns if c.index and not c.key}
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        for field in model._meta.concrete_fields:
            named = field.name.endswith(("_sealed", "_index", "_indexes"))
            if named and (label, field.name) not in known:
                missing.append(f"{label}.{field.name}")
    return missing
