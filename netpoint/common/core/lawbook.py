"""Every legal number in force: the fields that cite the law (`law(...)`) in the settings of
every installed app's `conf.py` door, with the value in force, the default, whether the
deployment changed it, and the source. Read by `netpoint law` on either role, and by the
provider's page of the law's numbers."""

import json
from dataclasses import dataclass

from django.conf import settings

from netpoint.common.core.appsettings import AppSettings, sources
from netpoint.common.core.doors import opened


@dataclass(frozen=True)
class LegalNumber:
    setting: str  # the Django setting that may change it, e.g. NETPOINT_POLICY
    key: str
    value: object
    default: object
    overridden: bool
    source: str
    app: str  # the conf module that declares it

    @property
    def name(self) -> str:
        return f'{self.setting}["{self.key}"]'

    @property
    def value_text(self) -> str:
        return shown(self.value)

    @property
    def default_text(self) -> str:
        return shown(self.default)


def shown(value: object) -> str:
    """A value as one line of text: numbers and words as they are, lists and tables as JSON."""
    if isinstance(value, str):
        return value or '""'
    if isinstance(value, bool | int | float) or value is None:
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def numbers() -> list[LegalNumber]:
    """The legal numbers of every installed app, in INSTALLED_APPS order, each setting's in
    the order its shape declares them."""
    found, seen = [], set()
    for module in opened("conf"):
        for reader in vars(module).values():
            if not isinstance(reader, AppSettings) or id(reader) in seen:
                continue
            seen.add(id(reader))
            current, given = reader(), getattr(settings, reader.name, None) or {}
            for key, source in sources(reader.shape).items():
                found.append(
                    LegalNumber(
                        setting=reader.name,
                        key=key,
                        value=getattr(current, key),
                        default=getattr(reader.defaults, key),
                        overridden=key in given,
                        source=source,
                        app=module.__name__,
                    )
                )
    return found
