"""Writing the table's Ctrl+Alt+Del policies (policy.Plan.settings) into the registry.

Every value is written, or removed, every time: nothing depends on what the last run left.
HKCU values go into the customer account's own hive (HKEY_USERS\\<SID>): the service runs as
SYSTEM, whose HKEY_CURRENT_USER is not the customer's, and the café's administrator account is
left its tools. The hive is loaded while the customer is signed in (the service applies the
table again at every sign-in it sees)."""

import contextlib

from netpoint.station_client.windows.policy import Setting


def registry_path(setting: Setting, user_sid: str) -> tuple[str, str]:
    """(root, key) for `setting`: HKEY_USERS\\<sid>\\... for HKCU, HKEY_LOCAL_MACHINE\\...
    for HKLM."""
    if setting.policy.hive == "HKCU":
        return "HKEY_USERS", f"{user_sid}\\{setting.policy.key}"
    return "HKEY_LOCAL_MACHINE", setting.policy.key


def apply(settings: tuple[Setting, ...], user_sid: str) -> None:  # pragma: no cover - Windows
    import winreg

    for setting in settings:
        root_name, key = registry_path(setting, user_sid)
        root = getattr(winreg, root_name)
        with winreg.CreateKeyEx(root, key, 0, winreg.KEY_SET_VALUE) as handle:
            if setting.value is None:
                with contextlib.suppress(FileNotFoundError):  # already as Windows has it
                    winreg.DeleteValue(handle, setting.policy.name)
            else:
                winreg.SetValueEx(handle, setting.policy.name, 0, winreg.REG_DWORD, setting.value)
