"""One shape for every app's settings: a frozen dataclass of defaults, overridden by a dict.

An app with settings declares them once, in its `conf.py`: a frozen dataclass whose fields hold
the defaults (a number that comes from law names its source with `law(...)`), and its reader,
`conf = AppSettings(GamesSettings, "NETPOINT_GAMES")`. The Django setting of that name holds only
what a deployment changes, as a partial dict. A key the app does not have, or a value of another
kind than its default, is refused with ImproperlyConfigured naming it: a typo must not leave the
default silently in force. A shape may refuse values that cannot work in its __post_init__
(ValueError), refused the same way. A system check reads every app's settings at start
(netpoint.common.core.checks), so such a mistake stops `netpoint serve`, not a request.

`conf()` reads the Django setting on every call, so override_settings and pytest-django's
`settings` fixture take effect at once; the dataclass is rebuilt only when the override object
is another one (about one attribute read per call on the hot paths: the station poll, ingest,
attribution). An override is therefore replaced, never edited in place.
"""

import copy
from collections.abc import Mapping
from dataclasses import Field, field, fields, replace
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

# The key of a field's metadata naming the law a default comes from.
SOURCE = "source"


def law(default: Any, source: str) -> Any:
    """A default the law sets, with its source: the instrument and its article (or section),
    e.g. "Nghị định 91/2020/NĐ-CP, Điều 12"."""
    if isinstance(default, dict | list | set):
        return field(default_factory=lambda: copy.deepcopy(default), metadata={SOURCE: source})
    return field(default=default, metadata={SOURCE: source})


def sources(shape: type) -> dict[str, str]:
    """The fields of `shape` that come from law, with their sources."""
    return {f.name: f.metadata[SOURCE] for f in fields(shape) if SOURCE in f.metadata}


class AppSettings(Generic[T]):
    """The settings of one app: `shape`'s defaults, with what the Django setting `name`
    changes."""

    def __init__(self, shape: type[T], name: str) -> None:
        self.shape, self.name = shape, name
        self.defaults: T = shape()
        self._fields: dict[str, Field] = {f.name: f for f in fields(shape)}
        # (the override object last seen, the settings it gave), as one value: threads read it
        # whole.
        self._read: tuple[object, T] = (None, self.defaults)

    def __call__(self) -> T:
        given = getattr(settings, self.name, None)
        seen, value = self._read
        if given is not seen:
            value = self._apply(given)
            self._read = (given, value)
        return value

    def _apply(self, given: object) -> T:
        if given is None:
            return self.defaults
        if not isinstance(given, Mapping):
            raise ImproperlyConfigured(
                f"{self.name} must be a dict of the settings it changes, not "
                f"{type(given).__name__}."
            )
        unknown = sorted(str(key) for key in given if key not in self._fields)
        if unknown:
            raise ImproperlyConfigured(
                f"{self.name} has no setting {', '.join(map(repr, unknown))}; "
                f"its settings are {', '.join(self._fields)}."
            )
        try:
            return replace(self.defaults, **{k: self._checked(k, v) for k, v in given.items()})
        except ValueError as refused:  # a shape's __post_init__ refuses what cannot work
            raise ImproperlyConfigured(f"{self.name}: {refused}") from None

    def _checked(self, key: str, value: object) -> object:
        """`value` if it is of the kind of the default (a list for a tuple is made one)."""
        default = getattr(self.defaults, key)
        if isinstance(default, bool):
            fits = isinstance(value, bool)
        elif isinstance(default, int):
            fits = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, float):
            fits = isinstance(value, int | float) and not isinstance(value, bool)
            value = float(value) if fits else value
        elif isinstance(default, tuple):
            fits = isinstance(value, list | tuple)
            value = tuple(value) if fits else value
        elif isinstance(default, Mapping):
            fits = isinstance(value, Mapping)
        else:
            fits = isinstance(value, type(default))
        if not fits:
            raise ImproperlyConfigured(
                f"{self.name}[{key!r}] must be of the kind of its default "
                f"({type(default).__name__}), not {type(value).__name__}."
            )
        return value
