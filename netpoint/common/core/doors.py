"""Doors: modules of a known name that the core finds in every installed app.

An app (a module above all) plugs into a job of the core by having such a module, never by
being imported from the core: `sealed` (sealed columns, netpoint.common.sealing.registry),
`serving` (background work and certificate of `netpoint serve`), `retention` (steps of the
provider's retention job), `finders` (what an authority search asks of the app), `ingest`
(handlers of event kinds), `urls` and `api` (pages and JSON routes), `nav` (menu links and
home pages, netpoint.common.core.nav). docs/ARCHITECTURE.md lists
them with what each must define.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def opened(door: str, within: str = "netpoint.") -> list[ModuleType]:
    """The `door` module of every installed app whose name starts with `within` and that has
    one, in INSTALLED_APPS order."""
    found = []
    for app in apps.get_app_configs():
        if app.name.startswith(within) and module_has_submodule(app.module, door):
            found.append(import_module(f"{app.name}.{door}"))
    return found
