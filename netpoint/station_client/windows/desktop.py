"""The lock's own desktop (CreateDesktop/SwitchDesktop), as exam and café locks do: windows on
another desktop cannot be reached from it, Alt+Tab there shows only the lock, and programs the
customer left running are not on it. Windows only; the service calls these in the console
session's window station (WinSta0)."""

from netpoint.station_client.windows.policy import DEFAULT_DESKTOP, LOCK_DESKTOP

WINDOW_STATION = "WinSta0"
# DESKTOP_CREATEWINDOW | DESKTOP_SWITCHDESKTOP | DESKTOP_READOBJECTS | DESKTOP_WRITEOBJECTS ...
GENERIC_ALL = 0x10000000


def qualified(name: str) -> str:
    """What CreateProcessAsUser's STARTUPINFO.lpDesktop takes: the lock UI is started on the
    desktop it is to show on."""
    return f"{WINDOW_STATION}\\{name}"


def switch_to(name: str) -> None:  # pragma: no cover - Windows only
    """Show `name` (LOCK_DESKTOP, made if need be, or DEFAULT_DESKTOP) on the console."""
    import win32con
    import win32service

    if name == LOCK_DESKTOP:
        try:
            desk = win32service.OpenDesktop(name, 0, False, GENERIC_ALL)
        except win32service.error:
            desk = win32service.CreateDesktop(name, 0, GENERIC_ALL, None)
    else:
        desk = win32service.OpenDesktop(DEFAULT_DESKTOP, 0, False, win32con.MAXIMUM_ALLOWED)
    try:
        desk.SwitchDesktop()
    finally:
        desk.CloseDesktop()
