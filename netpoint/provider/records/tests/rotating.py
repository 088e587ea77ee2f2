"""Keys and helpers for the tests of `netpoint reseal` (netpoint.provider.records.rotation): the
core's in test_rotation.py, each module's sealed columns in its own tests."""

import base64
import random

from django.apps import apps

from netpoint.common.identity.fake import fake_person
from netpoint.common.sealing.registry import SealedColumn, declared

K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()
INDEX = base64.b64encode(b"i" * 32).decode()
INDEX2 = base64.b64encode(b"j" * 32).decode()


def use_keys(settings, active: str, *kids: str, index: str = INDEX) -> None:
    material = {"k1": K1, "k2": K2}
    keys = ";".join(f"{kid}={material[kid]}" for kid in kids)
    settings.NETPOINT_SEALING_KEYS = f"active={active};{keys};index={index}"


def phone(seed: int) -> str:
    return fake_person(random.Random(seed)).phone


def tokens(column: SealedColumn) -> list[str]:
    values = apps.get_model(column.model).objects.values_list(column.field, flat=True)
    if column.key:
        values = [v.get(column.key) for v in values if isinstance(v, dict)]
    return [v for v in values if v]


def columns_of(*app_labels: str) -> list[SealedColumn]:
    """The sealed columns the given apps declare."""
    return [c for c in declared()[0] if c.model.split(".")[0] in app_labels]


def core_columns() -> list[SealedColumn]:
    """The sealed columns of the provider's core apps (not of its modules, nor of the point's
    apps, which the tests' settings install beside them)."""
    modules = {
        app.label
        for app in apps.get_app_configs()
        if app.name.startswith(("netpoint.provider.modules.", "netpoint.point."))
    }
    return [c for c in declared()[0] if c.model.split(".")[0] not in modules]
