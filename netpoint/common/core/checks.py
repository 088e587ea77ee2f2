from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured

from netpoint.common.core.appsettings import AppSettings
from netpoint.common.core.doors import opened


def app_settings(app_configs, **kwargs):
    """Every installed app's settings read cleanly: an override naming a setting the app does
    not have (a typo) or a value of another kind stops the server at start."""
    errors, seen = [], set()
    for module in opened("conf"):
        for reader in vars(module).values():
            if isinstance(reader, AppSettings) and id(reader) not in seen:
                seen.add(id(reader))
                try:
                    reader()
                except ImproperlyConfigured as problem:
                    errors.append(
                        Error(
                            str(problem),
                            hint=f"The settings and their defaults: {module.__name__}.",
                            id="netpoint.E002",
                        )
                    )
    return errors
