"""The station agent on Windows: a SYSTEM service (service.py) that owns the link to the
point, the lock's own desktop (desktop.py), a low-level keyboard hook in a helper process
(hook.py), the Ctrl+Alt+Del policies (policies.py) and the token sealed with DPAPI (dpapi.py).

What to block and when is the pure table in policy.py, tested on any OS. The other modules
import Win32 (pywin32, ctypes.windll, winreg) only inside their functions or behind a
sys.platform check, so this package imports anywhere. See docs/STATION-WINDOWS.md for what was
and was not run on Windows.
"""
