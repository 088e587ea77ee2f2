"""The keyboard guard: a small process in the customer's session with a WH_KEYBOARD_LL hook and
its own message loop (`python -m netpoint.station_client.windows.hook`, or the frozen
`netpoint-station.exe hook`).

Windows calls a low-level hook on the thread that installed it, through that thread's message
loop, and silently removes a hook whose callback takes longer than LowLevelHooksTimeout (at
most 1 s on Windows 10 and later). So the callback only looks the key up in the table of
policy.py; the state it looks under is a variable that a reader thread sets from the lines the
service writes to this process's standard input ("locked", "session", ...). When the service's
pipe closes without "stopping", the hook holds the locked state: fail closed.
"""

import sys
import threading

from netpoint.station_client.windows.policy import (
    VK_CONTROL,
    VK_SHIFT,
    Modifiers,
    State,
    should_drop,
)

WH_KEYBOARD_LL = 13
HC_ACTION = 0
WM_QUIT = 0x0012


class Guard:
    """The state the callback reads; set by the reader thread, read by the hook thread (a
    single reference assignment: no lock in the callback)."""

    def __init__(self, state: State = State.STARTING):
        self.state = state

    def follow(self, lines) -> None:
        """Follow the service's lines until its pipe closes."""
        for line in lines:
            try:
                self.state = State(line.strip())
            except ValueError:
                continue  # an unknown word changes nothing
            if self.state is State.STOPPING:
                return
        if self.state is not State.STOPPING:
            self.state = State.LOCKED


def run(guard: Guard | None = None) -> int:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    guard = guard or Guard()
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    hook_thread = kernel32.GetCurrentThreadId()

    def follow():
        guard.follow(sys.stdin)
        if guard.state is State.STOPPING:
            user32.PostThreadMessageW(hook_thread, WM_QUIT, 0, 0)

    threading.Thread(target=follow, daemon=True).start()

    class KBDLLHOOKSTRUCT(ctypes.Structure):
        _fields_ = [
            ("vkCode", wintypes.DWORD),
            ("scanCode", wintypes.DWORD),
            ("flags", wintypes.DWORD),
            ("time", wintypes.DWORD),
            ("dwExtraInfo", ctypes.c_size_t),
        ]

    LRESULT = ctypes.c_ssize_t
    HOOKPROC = ctypes.WINFUNCTYPE(LRESULT, ctypes.c_int, wintypes.WPARAM, wintypes.LPARAM)
    user32.CallNextHookEx.argtypes = [
        wintypes.HHOOK,
        ctypes.c_int,
        wintypes.WPARAM,
        wintypes.LPARAM,
    ]
    user32.CallNextHookEx.restype = LRESULT
    user32.SetWindowsHookExW.argtypes = [ctypes.c_int, HOOKPROC, wintypes.HINSTANCE, wintypes.DWORD]
    user32.SetWindowsHookExW.restype = wintypes.HHOOK
    user32.GetAsyncKeyState.restype = ctypes.c_short

    def down(vk: int) -> bool:
        return bool(user32.GetAsyncKeyState(vk) & 0x8000)

    @HOOKPROC
    def callback(code, wparam, lparam):
        if code == HC_ACTION:
            event = ctypes.cast(lparam, ctypes.POINTER(KBDLLHOOKSTRUCT)).contents
            modifiers = Modifiers(ctrl=down(VK_CONTROL), shift=down(VK_SHIFT))
            if should_drop(event.vkCode, event.flags, modifiers, guard.state):
                return 1  # dropped: neither the system nor any window sees it
        return user32.CallNextHookEx(None, code, wparam, lparam)

    hook = user32.SetWindowsHookExW(WH_KEYBOARD_LL, callback, kernel32.GetModuleHandleW(None), 0)
    if not hook:
        raise ctypes.WinError(ctypes.get_last_error())
    message = wintypes.MSG()
    try:
        while user32.GetMessageW(ctypes.byref(message), None, 0, 0) > 0:
            user32.TranslateMessage(ctypes.byref(message))
            user32.DispatchMessageW(ctypes.byref(message))
    finally:
        user32.UnhookWindowsHookEx(hook)
    return 0


if __name__ == "__main__":  # pragma: no cover - Windows only
    sys.exit(run())
